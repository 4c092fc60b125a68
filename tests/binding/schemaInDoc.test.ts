import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type SerializedSchemaV2, type TLGeoShape } from 'tldraw'
import { bindStoreToDoc } from '../../client/src/sync/bindStoreToDoc'
import { createBoardStore } from '../../client/src/sync/boardStore'
import { createBoardUserSession } from '../../client/src/sync/boardUser'
import { SCHEMA_KEY, getMetaMap, getRecordsMap, readDocSchema } from '../../client/src/sync/recordLayout'
import { createPeer, joinPeer, type Peer } from '../support/linkedDocs'

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
})

const GEO = 'com.tldraw.shape.geo'

function freshStore() {
  const session = createBoardUserSession({ id: 'id-carol', name: 'Carol', color: '#5f3dc4' }, { persist: false })
  return createBoardStore({ currentUser: session.currentUser }).store
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'server')
  return copy
}

/** A board written by alice, with one geo shape on it. */
function boardWithBox(): { alice: Peer; boxId: TLGeoShape['id'] } {
  const alice = createPeer('alice')
  peers.push(alice)
  const boxId = createShapeId('box')
  alice.editor.createShape<TLGeoShape>({ id: boxId, type: 'geo', x: 10, y: 10, props: { w: 100, h: 50 } })
  return { alice, boxId }
}

function currentSchema(): SerializedSchemaV2 {
  return freshStore().schema.serialize()
}

describe('schema kept in the doc', () => {
  it('writes the client schema into a new board', () => {
    const { alice } = boardWithBox()
    expect(readDocSchema(alice.doc)).toEqual(alice.store.schema.serialize())
  })

  it('refuses a board written by a newer client, without throwing and without loading it', () => {
    const { alice } = boardWithBox()
    const schema = currentSchema()
    const newer = copyOf(alice.doc)
    getMetaMap(newer).set(SCHEMA_KEY, { ...schema, sequences: { ...schema.sequences, [GEO]: (schema.sequences[GEO] ?? 0) + 1 } })
    const store = freshStore()

    const result = bindStoreToDoc(store, newer)
    expect(result).toMatchObject({ ok: false, reason: 'newer-schema' })
    expect(Object.keys(store.serialize('document'))).toEqual([])
    // The newer board is left as it was.
    expect((readDocSchema(newer) as SerializedSchemaV2 | undefined)?.sequences[GEO]).toBe((schema.sequences[GEO] ?? 0) + 1)
  })

  it('treats an unknown migration sequence (a shape type added later) as newer', () => {
    const { alice } = boardWithBox()
    const schema = currentSchema()
    const newer = copyOf(alice.doc)
    getMetaMap(newer).set(SCHEMA_KEY, { ...schema, sequences: { ...schema.sequences, 'com.civic-canvas.shape.future': 1 } })
    expect(bindStoreToDoc(freshStore(), newer)).toMatchObject({ ok: false, reason: 'newer-schema' })
  })

  it('migrates an older record on load and writes the migrated record and schema back', () => {
    const { alice, boxId } = boardWithBox()
    const schema = currentSchema()
    const older = copyOf(alice.doc)
    older.transact(() => {
      // geo shapes before the AddFlipProps migration (version 12) had no flipX/flipY.
      const props = getRecordsMap(older).get(boxId)?.get('props')
      if (!(props instanceof Y.Map)) throw new Error('box props missing from the doc')
      props.delete('flipX')
      props.delete('flipY')
      getMetaMap(older).set(SCHEMA_KEY, { ...schema, sequences: { ...schema.sequences, [GEO]: 11 } })
    }, 'older-client')

    const store = freshStore()
    const result = bindStoreToDoc(store, older)
    expect(result).toMatchObject({ ok: true, migrated: true })
    expect(store.get(boxId)).toMatchObject({ props: { flipX: false, flipY: false, w: 100 } })
    const docProps = getRecordsMap(older).get(boxId)?.get('props') as Y.Map<unknown>
    expect(docProps.get('flipX')).toBe(false)
    expect(readDocSchema(older)).toEqual(schema)
    if (result.ok) result.binding.unbind()
  })

  it('reports a newer schema appearing while bound, and stops writing in the old format', () => {
    const { alice, boxId } = boardWithBox()
    const onNewerSchema = vi.fn()
    const bob = joinPeer('bob', alice, { onNewerSchema })
    peers.push(bob)
    const schema = currentSchema()
    bob.doc.transact(() => {
      getMetaMap(bob.doc).set(SCHEMA_KEY, { ...schema, sequences: { ...schema.sequences, [GEO]: (schema.sequences[GEO] ?? 0) + 1 } })
    }, 'newer-client')
    expect(onNewerSchema).toHaveBeenCalledTimes(1)

    const before = Y.encodeStateVector(bob.doc)
    bob.editor.updateShape<TLGeoShape>({ id: boxId, type: 'geo', x: 999 })
    expect(Y.encodeStateVector(bob.doc)).toEqual(before)
  })
})
