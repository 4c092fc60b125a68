import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLGeoShape } from 'tldraw'
import { FRAME_FALLBACK_MS, type RejectedRecord } from '../../client/src/sync/bindStoreToDoc'
import { createYRecord, getRecordsMap, type PlainRecord } from '../../client/src/sync/recordLayout'
import { connect, createPeer, documentRecords, joinPeer, type Peer } from '../support/linkedDocs'

// applyRemote: 'end-of-task' / 'next-frame' merge the remote transactions of one task (of one
// frame) into the store once. The guarantees of the default path hold for the merged batch too.

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
})

const nextMicrotask = () => new Promise<void>((resolve) => queueMicrotask(resolve))

/** Alice (at once) and Bob (end of task) on one board, relayed to each other. */
function alicePlusDeferredBob(): [Peer, Peer] {
  const alice = createPeer('alice')
  const bob = joinPeer('bob', alice, { applyRemote: 'end-of-task' })
  peers.push(alice, bob)
  connect(alice.doc, bob.doc)
  return [alice, bob]
}

/** Counts the store merges that brought remote changes into `peer`'s store. */
function countRemoteMerges(peer: Peer): { count: number } {
  const counter = { count: 0 }
  peer.store.listen(() => counter.count++, { source: 'remote', scope: 'document' })
  return counter
}

function geoRecord(peer: Peer, name: string, overrides: Record<string, unknown> = {}): PlainRecord {
  const templateId = createShapeId('template')
  if (!peer.editor.getShape(templateId)) peer.editor.createShape<TLGeoShape>({ id: templateId, type: 'geo', x: 0, y: 0 })
  const template = peer.store.get(templateId) as unknown as PlainRecord
  return { ...template, ...overrides, id: createShapeId(name) }
}

describe("remote changes merged at the end of the task (applyRemote: 'end-of-task')", () => {
  it('merges many remote transactions of one task into the store once, after the task', async () => {
    const [alice, bob] = alicePlusDeferredBob()
    const ids = [1, 2, 3].map((n) => createShapeId(`box${n}`))
    ids.forEach((id, i) => alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: i * 100, y: 0 }))
    alice.editor.updateShape<TLGeoShape>({ id: ids[0]!, type: 'geo', x: 42, props: { color: 'red' } })
    await nextMicrotask()
    const merges = countRemoteMerges(bob)

    alice.editor.updateShape<TLGeoShape>({ id: ids[0]!, type: 'geo', x: 50 })
    alice.editor.updateShape<TLGeoShape>({ id: ids[1]!, type: 'geo', props: { color: 'blue' } })
    alice.editor.deleteShapes([ids[2]!])
    expect(bob.editor.getShape(ids[0]!)?.x).toBe(42)
    expect(bob.editor.getShape(ids[2]!)).toBeDefined()

    await nextMicrotask()
    bob.store._flushHistory()
    expect(merges.count).toBe(1)
    expect(bob.editor.getShape<TLGeoShape>(ids[0]!)).toMatchObject({ x: 50, props: { color: 'red' } })
    expect(bob.editor.getShape<TLGeoShape>(ids[1]!)?.props.color).toBe('blue')
    expect(bob.editor.getShape(ids[2]!)).toBeUndefined()
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('merges at once when flushed, and writes nothing back to the doc', () => {
    const [alice, bob] = alicePlusDeferredBob()
    let bobWrites = 0
    bob.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === bob.binding.origin && tr.changed.size > 0) bobWrites++
    })
    const id = createShapeId('flushed')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 7, y: 0 })
    expect(bob.editor.getShape(id)).toBeUndefined()
    bob.binding.flush()
    expect(bob.editor.getShape(id)?.x).toBe(7)
    expect(bobWrites).toBe(0)
  })

  it('keeps a local edit made before the merge, next to the remote edit of another field', async () => {
    const [alice, bob] = alicePlusDeferredBob()
    const id = createShapeId('shared')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 0, y: 0 })
    await nextMicrotask()

    alice.editor.updateShape<TLGeoShape>({ id, type: 'geo', x: 300 })
    // Bob recolours the shape before his binding has merged Alice's move.
    bob.editor.updateShape<TLGeoShape>({ id, type: 'geo', props: { color: 'green' } })
    await nextMicrotask()
    bob.store._flushHistory()

    for (const peer of [alice, bob]) {
      expect(peer.editor.getShape<TLGeoShape>(id)).toMatchObject({ x: 300, props: { color: 'green' } })
    }
  })

  it('skips a bad record of a merged batch one by one and still takes the others', async () => {
    const rejected: RejectedRecord[] = []
    const bob = createPeer('bob', { applyRemote: 'end-of-task', onRejectedRecords: (batch) => rejected.push(...batch) })
    peers.push(bob)
    const good = geoRecord(bob, 'good', { x: 10 })
    const bad = geoRecord(bob, 'bad', { props: { ...(good['props'] as object), w: 'wide' } })
    const records = getRecordsMap(bob.doc)
    bob.doc.transact(() => records.set(good.id, createYRecord(good)), 'another-client')
    bob.doc.transact(() => records.set(bad.id, createYRecord(bad)), 'another-client')
    await nextMicrotask()

    expect(bob.editor.getShape(createShapeId('good'))?.x).toBe(10)
    expect(bob.editor.getShape(createShapeId('bad'))).toBeUndefined()
    expect(rejected.map((r) => r.id)).toEqual([createShapeId('bad')])
  })

  it('merges nothing after unbind', async () => {
    const [alice, bob] = alicePlusDeferredBob()
    const id = createShapeId('late')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 0, y: 0 })
    bob.binding.unbind()
    await nextMicrotask()
    expect(bob.editor.getShape(id)).toBeUndefined()
  })
})

/**
 * Alice, and Bob merging at the next frame (relayed to each other). Frames come only when
 * `runFrames` is called: a test that never calls it is a hidden tab.
 */
function aliceAndFramedBob() {
  const frames: FrameRequestCallback[] = []
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
  const alice = createPeer('alice')
  const bob = joinPeer('bob', alice, { applyRemote: 'next-frame' })
  peers.push(alice, bob)
  connect(alice.doc, bob.doc)
  const runFrames = () => {
    for (const frame of frames.splice(0)) frame(performance.now())
    bob.store._flushHistory()
  }
  return { alice, bob, merges: countRemoteMerges(bob), frames, runFrames }
}

const waitPastFallback = () => new Promise<void>((resolve) => setTimeout(resolve, FRAME_FALLBACK_MS + 50))

describe("remote changes merged at the next frame (applyRemote: 'next-frame')", () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('merges the remote transactions of several tasks once, when the frame comes', async () => {
    const { alice, bob, merges, frames, runFrames } = aliceAndFramedBob()
    const id = createShapeId('framed')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 1, y: 0 })
    // The next websocket message arrives in a task of its own, before the frame.
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    alice.editor.updateShape<TLGeoShape>({ id, type: 'geo', x: 2 })
    expect(bob.editor.getShape(id)).toBeUndefined()

    expect(frames.length).toBeGreaterThan(0)
    runFrames()
    expect(bob.editor.getShape(id)?.x).toBe(2)
    expect(merges.count).toBe(1)
  })

  it('merges without a frame, at most FRAME_FALLBACK_MS later, in a tab that draws none (hidden)', async () => {
    const { alice, bob, merges } = aliceAndFramedBob()
    const id = createShapeId('hidden')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 1, y: 0 })
    expect(bob.editor.getShape(id)).toBeUndefined()

    await waitPastFallback()
    bob.store._flushHistory()
    expect(bob.editor.getShape(id)?.x).toBe(1)
    expect(merges.count).toBe(1)
  })

  it('merges once when the frame comes first: the fallback then does nothing', async () => {
    const { alice, bob, merges, frames, runFrames } = aliceAndFramedBob()
    const id = createShapeId('framed-first')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 1, y: 0 })
    runFrames()
    expect(bob.editor.getShape(id)?.x).toBe(1)
    expect(merges.count).toBe(1)

    await waitPastFallback()
    bob.store._flushHistory()
    expect(merges.count).toBe(1)
    // The next change is scheduled afresh, for its own frame.
    alice.editor.updateShape<TLGeoShape>({ id, type: 'geo', x: 2 })
    expect(frames.length).toBeGreaterThan(0)
    runFrames()
    expect(bob.editor.getShape(id)?.x).toBe(2)
    expect(merges.count).toBe(2)
  })
})
