import { describe, expect, it } from 'vitest'
import {
  countFor,
  dotsLeft,
  openVote,
  parseVote,
  rankNotes,
  sortByVotesLayout,
  tallyDots,
  type SessionVote,
} from '../../shared/session/vote'
import { parseSessionState } from '../../shared/session/sessionState'
import { idleTimer } from '../../shared/session/timer'

const open: SessionVote = { id: 'v1', frameId: 'shape:ideate', dotsPerPerson: 2, state: 'open', openedAt: 5 }

describe('vote helpers', () => {
  it.each<[string, unknown, SessionVote | null]>([
    ['nothing', null, null],
    ['an open vote', open, open],
    ['no id', { ...open, id: '' }, null],
    ['zero dots', { ...open, dotsPerPerson: 0 }, null],
    ['fractional dots', { ...open, dotsPerPerson: 1.5 }, null],
    ['unknown state', { ...open, state: 'paused' }, null],
    [
      'a closed vote with results (bad counts dropped)',
      { ...open, state: 'closed', closedAt: 9, results: { 'shape:a': 3, 'shape:b': -1, 'shape:c': 'x' } },
      { ...open, state: 'closed', closedAt: 9, results: { 'shape:a': 3 } },
    ],
  ])('parseVote(%s)', (_label, value, expected) => {
    expect(parseVote(value)).toEqual(expected)
  })

  it.each<[number, number]>([
    [3, 3],
    [0, 1],
    [2.4, 2],
    [99, 20],
  ])('openVote with %s dots a person gives %i', (asked, expected) => {
    expect(openVote('v', 'shape:f', asked, 100)).toEqual({
      id: 'v',
      frameId: 'shape:f',
      dotsPerPerson: expected,
      state: 'open',
      openedAt: 100,
    })
  })

  it.each<[number, number, number]>([
    [2, 0, 2],
    [2, 1, 1],
    [2, 2, 0],
    [2, 5, 0],
  ])('%i dots a person, %i placed: %i left', (perPerson, placed, left) => {
    const mine = Array.from({ length: placed }, (_, i) => ({ id: `d${i}`, noteId: 'shape:n' }))
    expect(dotsLeft({ dotsPerPerson: perPerson }, mine)).toBe(left)
  })

  it('tallies dots per note, two dots on one note counting twice', () => {
    const dots = [{ noteId: 'a' }, { noteId: 'b' }, { noteId: 'a' }, { noteId: 'c' }, { noteId: 'a' }]
    expect(tallyDots(dots)).toEqual({ a: 3, b: 1, c: 1 })
    expect(tallyDots([])).toEqual({})
    expect(countFor({ a: 3 }, 'a')).toBe(3)
    expect(countFor({ a: 3 }, 'z')).toBe(0)
    expect(countFor(undefined, 'a')).toBe(0)
  })

  it('ranks most dots first, keeping the given order among equals, notes without dots last', () => {
    expect(rankNotes(['a', 'b', 'c', 'd'], { b: 2, c: 5, d: 2 })).toEqual([
      { noteId: 'c', count: 5 },
      { noteId: 'b', count: 2 },
      { noteId: 'd', count: 2 },
      { noteId: 'a', count: 0 },
    ])
  })

  it('lays sorted notes out in rows that fit the frame', () => {
    const notes = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, w: 200, h: id === 'b' ? 260 : 200 }))
    const layout = sortByVotesLayout(notes, { e: 4, b: 3, a: 1 }, { width: 650, left: 20, top: 80, gap: 10 })
    expect(layout).toEqual([
      { id: 'e', x: 20, y: 80 },
      { id: 'b', x: 230, y: 80 },
      { id: 'a', x: 440, y: 80 },
      // The first row is as tall as its tallest note (b, 260).
      { id: 'c', x: 20, y: 350 },
      { id: 'd', x: 230, y: 350 },
    ])
  })

  it('puts a note wider than the frame on its own row rather than nowhere', () => {
    const layout = sortByVotesLayout([{ id: 'wide', w: 900, h: 100 }], {}, { width: 300, left: 0, top: 0, gap: 10 })
    expect(layout).toEqual([{ id: 'wide', x: 0, y: 0 }])
  })
})

describe('session state from the session doc', () => {
  it('gives safe defaults for an empty doc', () => {
    expect(parseSessionState({})).toEqual({
      step: null,
      stepSetAt: null,
      timer: idleTimer(),
      vote: null,
      summon: null,
      followMe: null,
      privateIdeas: false,
    })
  })

  it('reads every field the facilitator wrote and drops malformed ones', () => {
    const state = parseSessionState({
      step: 'ideate',
      stepSetAt: 42,
      vote: open,
      summon: { id: 's1', userId: 'u1', pageId: 'page:p', x: 10, y: -5, z: 0.5, at: 7 },
      followMe: { userId: 'u1', at: 8 },
      privateIdeas: true,
    })
    expect(state).toMatchObject({
      step: 'ideate',
      stepSetAt: 42,
      vote: open,
      summon: { id: 's1', x: 10, y: -5, z: 0.5 },
      followMe: { userId: 'u1', at: 8 },
      privateIdeas: true,
    })
    const bad = parseSessionState({
      step: 'brainstorm',
      summon: { id: 's1', userId: 'u1', pageId: 'p', x: 1, y: 1, z: 0 },
      followMe: { userId: '' },
      privateIdeas: 'yes',
    })
    expect(bad).toMatchObject({ step: null, summon: null, followMe: null, privateIdeas: false })
  })
})
