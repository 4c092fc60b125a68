import { describe, expect, it } from 'vitest'
import {
  canChangeSession,
  canEditBoard,
  canEditLockedTemplate,
  canManageVotes,
  canRotateTokens,
  canVote,
  canWriteDoc,
  isRole,
  ROLES,
  shareableRoles,
  type Role,
} from '../../shared/access/roles'

describe('permission checks', () => {
  // role, edit board, change session, edit locked template, vote, manage votes, rotate tokens
  const table: Array<[Role, boolean, boolean, boolean, boolean, boolean, boolean]> = [
    ['facilitator', true, true, true, true, true, true],
    ['participant', true, false, false, true, false, false],
    ['viewer', false, false, false, false, false, false],
  ]
  it.each(table)('%s: edit %s, session %s, locked %s, vote %s, manage votes %s, rotate %s', (role, edit, session, locked, vote, manage, rotate) => {
    expect(canEditBoard(role)).toBe(edit)
    expect(canChangeSession(role)).toBe(session)
    expect(canEditLockedTemplate(role)).toBe(locked)
    expect(canVote(role)).toBe(vote)
    expect(canManageVotes(role)).toBe(manage)
    expect(canRotateTokens(role)).toBe(rotate)
    expect(canWriteDoc(role, 'board')).toBe(edit)
    expect(canWriteDoc(role, 'session')).toBe(session)
  })

  it.each([
    ['facilitator', ['facilitator', 'participant', 'viewer']],
    ['participant', ['participant', 'viewer']],
    ['viewer', ['viewer']],
  ] as const)('a %s may share %j', (role, links) => {
    expect(shareableRoles(role)).toEqual(links)
  })

  it.each([
    ['facilitator', true],
    ['viewer', true],
    ['Facilitator', false],
    ['admin', false],
    ['', false],
    [null, false],
    [1, false],
  ])('isRole(%j) is %s', (value, expected) => {
    expect(isRole(value)).toBe(expected)
  })

  it('lists every role once', () => {
    expect(new Set(ROLES).size).toBe(3)
    expect(ROLES.every(isRole)).toBe(true)
  })
})
