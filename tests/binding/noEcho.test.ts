import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createShapeId, type TLGeoShape } from 'tldraw'
import { twoConnectedPeers, type Peer } from '../support/linkedDocs'

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
})

/** Counts the doc transactions that changed something, by origin. */
function countTransactions(doc: Y.Doc, origin: unknown): { count: number } {
  const counter = { count: 0 }
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === origin && (tr.changed.size > 0 || tr.deleteSet.clients.size > 0)) counter.count++
  })
  return counter
}

describe('nothing echoed, remote changes outside undo', () => {
  it('turns one local change into exactly one doc transaction', () => {
    const [alice] = twoConnectedPeers(peers)
    const local = countTransactions(alice.doc, alice.binding.origin)
    let updates = 0
    alice.doc.on('update', () => updates++)

    alice.editor.createShapes([
      { id: createShapeId('a'), type: 'geo', x: 0, y: 0 },
      { id: createShapeId('b'), type: 'geo', x: 200, y: 0 },
      { id: createShapeId('c'), type: 'note', x: 400, y: 0 },
    ])
    expect(local.count).toBe(1)
    expect(updates).toBe(1)

    alice.editor.updateShape<TLGeoShape>({ id: createShapeId('a'), type: 'geo', x: 50, props: { color: 'red' } })
    expect(local.count).toBe(2)
    expect(updates).toBe(2)
  })

  it('writes nothing back to the doc when applying a remote change', () => {
    const [alice, bob] = twoConnectedPeers(peers)
    const bobWrites = countTransactions(bob.doc, bob.binding.origin)
    const id = createShapeId('remote')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 0, y: 0 })
    alice.editor.updateShape<TLGeoShape>({ id, type: 'geo', x: 80, props: { fill: 'solid' } })
    alice.editor.deleteShapes([id])
    expect(bobWrites.count).toBe(0)
  })

  it('keeps remote changes out of the undo history', () => {
    const [alice, bob] = twoConnectedPeers(peers)
    const mine = createShapeId('mine')
    const theirs = createShapeId('theirs')
    alice.editor.markHistoryStoppingPoint('create mine')
    alice.editor.createShape<TLGeoShape>({ id: mine, type: 'geo', x: 0, y: 0 })
    bob.editor.createShape<TLGeoShape>({ id: theirs, type: 'geo', x: 300, y: 0 })
    bob.editor.updateShape<TLGeoShape>({ id: theirs, type: 'geo', props: { color: 'blue' } })

    alice.editor.undo()
    expect(alice.editor.getShape(mine)).toBeUndefined()
    expect(bob.editor.getShape(mine)).toBeUndefined()
    alice.editor.undo()
    for (const peer of [alice, bob]) {
      expect(peer.editor.getShape<TLGeoShape>(theirs)?.props.color).toBe('blue')
    }
    alice.editor.redo()
    expect(bob.editor.getShape(mine)).toBeDefined()
  })
})
