import { afterEach, describe, expect, it } from 'vitest'
import { createShapeId, toRichText, type TLGeoShape } from 'tldraw'
import { getRecordsMap } from '../../client/src/sync/recordLayout'
import { connect, createPeer, documentRecords, joinPeer, type Peer } from '../support/linkedDocs'

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
  delete (globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }).__FORCE_RAF_IN_TESTS__
})

const boxId = createShapeId('stakeholder-box')

/** Two peers sharing one geo shape, then cut off from each other. */
function disconnectedPeersWithBox() {
  const alice = createPeer('alice')
  const bob = joinPeer('bob', alice)
  peers.push(alice, bob)
  const link = connect(alice.doc, bob.doc)
  alice.editor.createShape<TLGeoShape>({ id: boxId, type: 'geo', x: 0, y: 0, props: { w: 200, h: 100, color: 'black' } })
  expect(bob.editor.getShape(boxId)).toBeDefined()
  link.disconnect()
  return { alice, bob, link }
}

function box(peer: Peer): TLGeoShape {
  const shape = peer.editor.getShape<TLGeoShape>(boxId)
  if (!shape) throw new Error(`${peer.name} lost the shape`)
  return shape
}

describe('concurrent edits of different fields of one shape', () => {
  it('keeps a colour change and a move made at the same time', () => {
    const { alice, bob, link } = disconnectedPeersWithBox()
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { color: 'red' } })
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', x: 250, y: 75 })
    expect(box(alice).x).toBe(0)
    expect(box(bob).props.color).toBe('black')

    link.reconnect()
    for (const peer of [alice, bob]) {
      expect(box(peer).props.color).toBe('red')
      expect(box(peer)).toMatchObject({ x: 250, y: 75 })
    }
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('keeps a colour change and a text change made at the same time', () => {
    const { alice, bob, link } = disconnectedPeersWithBox()
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { color: 'blue', fill: 'solid' } })
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { richText: toRichText('市民旅程') } })

    link.reconnect()
    for (const peer of [alice, bob]) {
      expect(box(peer).props).toMatchObject({ color: 'blue', fill: 'solid', richText: toRichText('市民旅程') })
    }
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('merges different keys of a nested object that both already had (votes cast at the same time)', () => {
    const { alice, bob, link } = disconnectedPeersWithBox()
    // The collection exists before both edit: two people creating the same key at once
    // would be one conflict on that key, and one of the two new objects would win.
    link.reconnect()
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', meta: { votes: {} } })
    expect(box(bob).meta).toEqual({ votes: {} })
    link.disconnect()
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', meta: { votes: { alice: 2 } } })
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', meta: { votes: { bob: 1 } } })
    link.reconnect()
    for (const peer of [alice, bob]) expect(box(peer).meta).toEqual({ votes: { alice: 2, bob: 1 } })
  })

  it('converges on one value when both change the same field', () => {
    const { alice, bob, link } = disconnectedPeersWithBox()
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { color: 'green' } })
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { color: 'violet' } })
    link.reconnect()
    expect(['green', 'violet']).toContain(box(alice).props.color)
    expect(box(bob).props.color).toBe(box(alice).props.color)
  })

  it('keeps a delete when the other side edited the deleted shape', () => {
    const { alice, bob, link } = disconnectedPeersWithBox()
    alice.editor.deleteShapes([boxId])
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { color: 'orange' } })
    link.reconnect()
    expect(alice.editor.getShape(boxId)).toBeUndefined()
    expect(bob.editor.getShape(boxId)).toBeUndefined()
  })

  it('does not lose a local change still waiting for the next frame when a remote change arrives', async () => {
    const alice = createPeer('alice')
    const bob = joinPeer('bob', alice)
    peers.push(alice, bob)
    connect(alice.doc, bob.doc)
    alice.editor.createShape<TLGeoShape>({ id: boxId, type: 'geo', x: 0, y: 0, props: { w: 200, h: 100 } })
    // As in a browser: tldraw hands local changes to listeners once per animation frame.
    ;(globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }).__FORCE_RAF_IN_TESTS__ = true
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', x: 123 })
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', props: { color: 'red' } })
    await new Promise((resolve) => setTimeout(resolve, 50))

    for (const peer of [alice, bob]) {
      expect(box(peer).x).toBe(123)
      expect(box(peer).props.color).toBe('red')
    }
  })

  it('lets a delete win over a local edit still waiting for its frame', async () => {
    const alice = createPeer('alice')
    const bob = joinPeer('bob', alice)
    peers.push(alice, bob)
    connect(alice.doc, bob.doc)
    alice.editor.createShape<TLGeoShape>({ id: boxId, type: 'geo', x: 0, y: 0 })
    ;(globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }).__FORCE_RAF_IN_TESTS__ = true
    alice.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', x: 50 })
    // The delete reaches alice's doc at once (as from the server), before her frame.
    bob.doc.transact(() => getRecordsMap(bob.doc).delete(boxId), 'server')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(alice.editor.getShape(boxId)).toBeUndefined()
    expect(bob.editor.getShape(boxId)).toBeUndefined()
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })
})
