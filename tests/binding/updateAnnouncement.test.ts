import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { announceInstead, changedAnything, type UpdateListener } from '../../client/src/sync/updateAnnouncement'

/** Claims every transaction whose origin is `claimed` (as the callers do, from `beforeTransaction`). */
function claimOrigin(doc: Y.Doc, claimed: unknown, announce: ((listeners: readonly UpdateListener[]) => void) | null): void {
  doc.on('beforeTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === claimed) announceInstead(doc, transaction, announce)
  })
}

describe('announceInstead', () => {
  it('keeps Yjs from announcing the claimed transaction, and only that one', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    claimOrigin(doc, 'quiet', null)
    doc.transact(() => doc.getMap('m').set('a', 1), 'quiet')
    doc.transact(() => doc.getMap('m').set('b', 2), 'loud')
    doc.transact(() => doc.getMap('m').set('c', 3), 'quiet')
    // If Yjs stops reading its listener map to decide whether to encode, 'quiet' shows up here.
    expect(origins).toEqual(['loud'])
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 })
  })

  it('hands the announcement every listener, those added meanwhile too, and puts them all back', () => {
    const doc = new Y.Doc()
    const first: unknown[] = []
    const added: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => first.push(origin))
    let told: number | null = null
    claimOrigin(doc, 'quiet', (listeners) => (told = listeners.length))
    doc.getMap('m').observe(() => {
      if (added.length === 0) doc.on('update', (_update: Uint8Array, origin: unknown) => added.push(origin))
      added.push('observed')
    })
    doc.transact(() => doc.getMap('m').set('a', 1), 'quiet')
    expect(told).toBe(2)
    doc.transact(() => doc.getMap('m').set('b', 2), 'loud')
    expect(first).toEqual(['loud'])
    expect(added).toEqual(['observed', 'observed', 'loud'])
  })
})

describe('changedAnything', () => {
  const board = new Y.Doc()
  board.getMap('records').set('shape:1', 'note')
  const full = Y.encodeStateAsUpdate(board)

  it.each<[string, (doc: Y.Doc) => void, boolean]>([
    ['a new entry', (doc) => doc.getMap('records').set('shape:2', 'note'), true],
    ['a deleted entry', (doc) => doc.getMap('records').delete('shape:1'), true],
    ['an update it already held', (doc) => Y.applyUpdate(doc, full), false],
    ['an empty transaction', (doc) => doc.transact(() => {}), false],
  ])('%s', (_what, change, expected) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, full)
    let seen: boolean | null = null
    doc.once('afterTransaction', (transaction: Y.Transaction) => (seen = changedAnything(transaction)))
    change(doc)
    expect(seen).toBe(expected)
  })
})
