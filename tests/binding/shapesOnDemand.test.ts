import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLArrowBinding, type TLGeoShape, type TLShapeId } from 'tldraw'
import { connect, createPeer, documentRecords, drawBoundArrow, joinPeer, type Peer } from '../support/linkedDocs'

// initialShapes: 'on-demand' — the app mounts the editor on the board's pages, bindings and
// other records, then puts the shapes in view, then the rest (BoardCanvas, shapesInView).

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
})

const boxId = createShapeId('box')
const farId = createShapeId('far')
const arrowId = createShapeId('arrow')

/** Alice's board: a box, a box far away, and an arrow from one to the other. */
function aliceBoard(): Peer {
  const alice = createPeer('alice')
  peers.push(alice)
  drawBoundArrow(alice.editor, { fromId: boxId, toId: farId, arrowId }, { x: 0, y: 0 }, { x: 5000, y: 0 })
  return alice
}

/** Bob opens Alice's board with the shapes held back; his doc stays linked to hers. */
function bobOnDemand(alice: Peer): Peer {
  const bob = joinPeer('bob', alice, { initialShapes: 'on-demand' })
  peers.push(bob)
  connect(alice.doc, bob.doc)
  return bob
}

const shapeIds = (peer: Peer) => peer.editor.getCurrentPageShapeIds()

describe("shapes on demand (initialShapes: 'on-demand')", () => {
  it('loads pages and bindings at once, the selected shapes next and the rest last, writing nothing back', () => {
    const alice = aliceBoard()
    const bob = bobOnDemand(alice)
    let bobWrites = 0
    bob.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === bob.binding.origin && tr.changed.size > 0) bobWrites++
    })
    expect(bob.editor.getCurrentPageId()).toBe(alice.editor.getCurrentPageId())
    expect(shapeIds(bob).size).toBe(0)
    expect(bob.store.query.records('binding').get()).toHaveLength(2)

    bob.binding.loadShapes((held) => held.filter((record) => record.id !== farId))
    expect([...shapeIds(bob)].sort()).toEqual([arrowId, boxId].sort())

    bob.binding.loadShapes()
    expect(shapeIds(bob).size).toBe(3)
    expect(bob.editor.getBindingsFromShape<TLArrowBinding>(arrowId, 'arrow').map((b) => b.toId).sort()).toEqual([boxId, farId].sort())
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
    expect(bobWrites).toBe(0)
  })

  it('a shape changed or deleted elsewhere before its turn arrives as it is now, not as it was read', () => {
    const alice = aliceBoard()
    const bob = bobOnDemand(alice)
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', x: 250, props: { color: 'red' } })
    alice.editor.deleteShapes([farId])
    expect(bob.editor.getShape<TLGeoShape>(boxId)).toMatchObject({ x: 250, props: { color: 'red' } })
    expect(bob.editor.getShape(farId)).toBeUndefined()

    bob.binding.loadShapes()
    expect(bob.editor.getShape<TLGeoShape>(boxId)).toMatchObject({ x: 250, props: { color: 'red' } })
    expect(bob.editor.getShape(farId)).toBeUndefined()
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('shapes created elsewhere meanwhile, and edits made while shapes wait, are not lost', () => {
    const alice = aliceBoard()
    const bob = bobOnDemand(alice)
    const newId: TLShapeId = createShapeId('new')
    alice.editor.createShape<TLGeoShape>({ id: newId, type: 'geo', x: 10, y: 10 })
    expect(bob.editor.getShape(newId)).toBeDefined()
    const bobsId: TLShapeId = createShapeId('bobs')
    bob.editor.createShape<TLGeoShape>({ id: bobsId, type: 'geo', x: 30, y: 30 })
    bob.store._flushHistory()

    bob.binding.loadShapes()
    expect(shapeIds(bob).size).toBe(5)
    expect(alice.editor.getShape(bobsId)).toBeDefined()
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('does nothing once everything is in, or after unbind', () => {
    const alice = aliceBoard()
    const bob = bobOnDemand(alice)
    bob.binding.loadShapes()
    bob.editor.deleteShapes([farId])
    bob.binding.loadShapes()
    expect(bob.editor.getShape(farId)).toBeUndefined()

    const carol = joinPeer('carol', alice, { initialShapes: 'on-demand' })
    peers.push(carol)
    carol.binding.unbind()
    carol.binding.loadShapes()
    expect(shapeIds(carol).size).toBe(0)
  })

  it('by default the shapes are in the store when binding returns', () => {
    const alice = aliceBoard()
    const dave = joinPeer('dave', alice)
    peers.push(dave)
    expect(shapeIds(dave).size).toBe(3)
  })
})
