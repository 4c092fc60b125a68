import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLGeoShape } from 'tldraw'
import type { RejectedRecord } from '../../client/src/sync/bindStoreToDoc'
import { createYRecord, getRecordsMap, type PlainRecord } from '../../client/src/sync/recordLayout'
import { createPeer, type Peer } from '../support/linkedDocs'

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
})

/** A valid geo shape record, copied from a real editor, under a new id. */
function geoRecord(peer: Peer, name: string, overrides: Record<string, unknown> = {}): PlainRecord {
  const templateId = createShapeId('template')
  if (!peer.editor.getShape(templateId)) peer.editor.createShape<TLGeoShape>({ id: templateId, type: 'geo', x: 0, y: 0 })
  const template = peer.store.get(templateId) as unknown as PlainRecord
  return { ...template, ...overrides, id: createShapeId(name) }
}

function writeFromElsewhere(doc: Y.Doc, records: PlainRecord[]): void {
  doc.transact(() => {
    for (const record of records) getRecordsMap(doc).set(record.id, createYRecord(record))
  }, 'another-client')
}

describe('one bad record does not block the batch', () => {
  it('puts the valid records of a remote batch and reports the invalid one', () => {
    const rejected: RejectedRecord[] = []
    const alice = createPeer('alice', { onRejectedRecords: (batch) => rejected.push(...batch) })
    peers.push(alice)
    const good1 = geoRecord(alice, 'good1', { x: 10 })
    const good2 = geoRecord(alice, 'good2', { x: 20 })
    const bad = geoRecord(alice, 'bad', { props: { ...(good1.props as object), w: 'wide' } })
    writeFromElsewhere(alice.doc, [good1, bad, good2])

    expect(alice.editor.getShape(createShapeId('good1'))?.x).toBe(10)
    expect(alice.editor.getShape(createShapeId('good2'))?.x).toBe(20)
    expect(alice.editor.getShape(createShapeId('bad'))).toBeUndefined()
    expect(rejected.map((r) => r.id)).toEqual([createShapeId('bad')])
  })

  it('refuses session records written into the doc', () => {
    const rejected: RejectedRecord[] = []
    const alice = createPeer('alice', { onRejectedRecords: (batch) => rejected.push(...batch) })
    peers.push(alice)
    const instance = alice.store.get('instance:instance' as never) as unknown as PlainRecord
    writeFromElsewhere(alice.doc, [{ ...instance, isToolLocked: !instance['isToolLocked'] }, geoRecord(alice, 'fine')])
    expect(rejected.map((r) => r.id)).toEqual(['instance:instance'])
    expect(alice.editor.getShape(createShapeId('fine'))).toBeDefined()
  })

  it('loads a board that holds a bad record, skipping only that record', () => {
    const author = createPeer('author', { onRejectedRecords: () => {} })
    peers.push(author)
    writeFromElsewhere(author.doc, [
      geoRecord(author, 'kept', { y: 42 }),
      geoRecord(author, 'broken', { parentId: 42 }),
    ])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(author.doc), 'server')
    const onRejectedRecords = vi.fn()
    const reader = createPeer('reader', { doc, onRejectedRecords })
    peers.push(reader)
    expect(reader.editor.getShape(createShapeId('kept'))?.y).toBe(42)
    expect(reader.editor.getShape(createShapeId('broken'))).toBeUndefined()
    expect(onRejectedRecords).toHaveBeenCalledWith([expect.objectContaining({ id: createShapeId('broken') })])
  })

  it('takes a refused record once another change makes it valid again', () => {
    const rejected: RejectedRecord[] = []
    const alice = createPeer('alice', { onRejectedRecords: (batch) => rejected.push(...batch) })
    peers.push(alice)
    const id = createShapeId('flaky')
    writeFromElsewhere(alice.doc, [geoRecord(alice, 'flaky', { x: 1 })])
    const props = () => getRecordsMap(alice.doc).get(id)?.get('props') as Y.Map<unknown>
    alice.doc.transact(() => props().set('w', 'wide'), 'another-client')
    expect(rejected.map((r) => r.id)).toEqual([id])
    // A later change to another field reads the whole record again, still refusing it...
    alice.doc.transact(() => getRecordsMap(alice.doc).get(id)?.set('x', 2), 'another-client')
    expect(alice.editor.getShape(id)?.x).toBe(1)
    // ...until it is valid, when the store catches up with every field.
    alice.doc.transact(() => props().set('w', 300), 'another-client')
    expect(alice.editor.getShape<TLGeoShape>(id)).toMatchObject({ x: 2, props: { w: 300 } })
  })
})
