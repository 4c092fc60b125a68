import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { countDots, readSessionVote, writeClosedVote } from '../../server/votes/sessionVote'
import { resultsCsv } from '../../server/votes/resultsCsv'

describe('results CSV', () => {
  it.each([
    ['plain text', '想法', '想法'],
    ['a comma', 'a, b', '"a, b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a formula', '=1+2', "'=1+2"],
    ['a plus', '+886 2', "'+886 2"],
    ['a minus', '-5', "'-5"],
    ['an at sign', '@cmd', "'@cmd"],
    ['a leading tab', '\tx', "'\tx"],
    ['empty', '', ''],
  ])('writes %s as %j', (_name, text, cell) => {
    const csv = resultsCsv([{ noteId: 'shape:n', text, count: 2 }])
    expect(csv).toBe(`\uFEFFnote id,note text,count\r\nshape:n,${cell},2\r\n`)
  })
})

describe('dot counting and the session vote', () => {
  it('counts dots per note', () => {
    const dots = [
      { id: '1', userId: 'a', noteId: 'x' },
      { id: '2', userId: 'b', noteId: 'x' },
      { id: '3', userId: 'a', noteId: 'y' },
    ]
    expect(countDots(dots)).toEqual({ x: 2, y: 1 })
    expect(countDots([])).toEqual({})
  })

  it.each([
    ['no vote', undefined, null],
    ['a string', 'vote', null],
    ['no id', { dotsPerPerson: 2, state: 'open' }, null],
    ['a negative dot count', { id: 'v', dotsPerPerson: -1, state: 'open' }, null],
    ['an unknown state', { id: 'v', dotsPerPerson: 2, state: 'paused' }, null],
    ['an open vote', { id: 'v', frameId: 'f', dotsPerPerson: 2, state: 'open', openedAt: 5 }, { id: 'v', frameId: 'f', dotsPerPerson: 2, state: 'open', openedAt: 5 }],
  ])('reads %s', (_name, value, expected) => {
    const doc = new Y.Doc()
    if (value !== undefined) doc.getMap('session').set('vote', value)
    expect(readSessionVote(doc)).toEqual(expected)
  })

  it('closes a plain vote by replacing it with a copy, and a Y.Map vote field by field', () => {
    const plain = new Y.Doc()
    plain.getMap('session').set('vote', { id: 'v', frameId: null, dotsPerPerson: 1, state: 'open', openedAt: 1, extra: 'kept' })
    writeClosedVote(plain, { n: 3 }, 99)
    expect(plain.getMap('session').get('vote')).toEqual({ id: 'v', frameId: null, dotsPerPerson: 1, state: 'closed', openedAt: 1, extra: 'kept', closedAt: 99, results: { n: 3 } })

    const nested = new Y.Doc()
    const vote = new Y.Map<unknown>()
    nested.getMap('session').set('vote', vote)
    vote.set('id', 'v')
    vote.set('dotsPerPerson', 1)
    vote.set('state', 'open')
    writeClosedVote(nested, { n: 1 }, 7)
    expect(nested.getMap('session').get('vote')).toBe(vote)
    expect(readSessionVote(nested)).toMatchObject({ state: 'closed', closedAt: 7, results: { n: 1 } })
  })
})
