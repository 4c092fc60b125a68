import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { keepLocalCopyLoadQuiet, type UpdateCarrier } from '../../client/src/sync/quietLocalCopy'

let dbCount = 0

/** A local copy in (fake) IndexedDB holding `notes` notes, written the way a first visit writes it. */
async function savedLocalCopy(notes: number): Promise<string> {
  const name = `quiet-local-copy-${++dbCount}`
  const doc = new Y.Doc()
  const persistence = new IndexeddbPersistence(name, doc)
  await persistence.whenSynced
  doc.transact(() => {
    for (let i = 0; i < notes; i++) doc.getMap('records').set(`shape:${i}`, { text: `便利貼 ${i}` })
  }, 'server')
  // y-indexeddb stores each update in its own IndexedDB transaction: let it land.
  await new Promise((resolve) => setTimeout(resolve, 50))
  await persistence.destroy()
  doc.destroy()
  return name
}

interface UpdateSeen {
  origin: unknown
  bytes: number
}

function recordUpdates(doc: Y.Doc): UpdateSeen[] {
  const seen: UpdateSeen[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ origin, bytes: update.byteLength }))
  return seen
}

const disconnected = (): UpdateCarrier => ({ wsconnected: false, bcconnected: false })

describe('loading the local copy while nothing could carry it', () => {
  it('is not announced as a doc update, and later changes are', async () => {
    const name = await savedLocalCopy(50)
    const doc = new Y.Doc()
    const seen = recordUpdates(doc)
    const persistence = new IndexeddbPersistence(name, doc)
    const stop = keepLocalCopyLoadQuiet(doc, persistence, disconnected())
    await persistence.whenSynced
    expect(doc.getMap('records').size).toBe(50)
    expect(seen).toEqual([])

    doc.transact(() => doc.getMap('records').set('shape:new', { text: '新想法' }), 'local')
    expect(seen.map((update) => update.origin)).toEqual(['local'])
    stop()
    await persistence.destroy()
  })

  it('leaves the local copy storing what changes afterwards', async () => {
    const name = await savedLocalCopy(5)
    const doc = new Y.Doc()
    const persistence = new IndexeddbPersistence(name, doc)
    const stop = keepLocalCopyLoadQuiet(doc, persistence, disconnected())
    await persistence.whenSynced
    doc.transact(() => doc.getMap('records').set('shape:offline', { text: '離線修改' }), 'local')
    await new Promise((resolve) => setTimeout(resolve, 50))
    stop()
    await persistence.destroy()

    const reopened = new Y.Doc()
    const again = new IndexeddbPersistence(name, reopened)
    await again.whenSynced
    expect(reopened.getMap('records').get('shape:offline')).toEqual({ text: '離線修改' })
    expect(reopened.getMap('records').size).toBe(6)
    await again.destroy()
  })

  it('is announced as usual once the websocket or the cross-tab channel is connected', async () => {
    for (const carrier of [
      { wsconnected: true, bcconnected: false },
      { wsconnected: false, bcconnected: true },
    ]) {
      const name = await savedLocalCopy(10)
      const doc = new Y.Doc()
      const seen = recordUpdates(doc)
      const persistence = new IndexeddbPersistence(name, doc)
      const stop = keepLocalCopyLoadQuiet(doc, persistence, carrier)
      await persistence.whenSynced
      // The provider would send this to the server (or the other tabs): it must exist.
      expect(seen.filter((update) => update.origin === persistence)).toHaveLength(1)
      expect(seen[0]!.bytes).toBeGreaterThan(100)
      stop()
      await persistence.destroy()
    }
  })

  it('announces transactions of any other origin, and keeps listeners added during the load', () => {
    const doc = new Y.Doc()
    const localCopy = { name: 'local copy' }
    const seen = recordUpdates(doc)
    const stop = keepLocalCopyLoadQuiet(doc, localCopy, disconnected())
    const addedDuringLoad: unknown[] = []
    const addListener = () => {
      doc.on('update', (_update: Uint8Array, origin: unknown) => addedDuringLoad.push(origin))
      doc.off('afterTransaction', addListener)
    }
    doc.on('afterTransaction', addListener)
    doc.transact(() => doc.getMap('records').set('a', 1), localCopy)
    expect(seen).toEqual([])
    // Added while the load's observers ran: not told of the load either, but kept.
    expect(addedDuringLoad).toEqual([])

    doc.transact(() => doc.getMap('records').set('b', 2), 'server')
    expect(seen.map((update) => update.origin)).toEqual(['server'])
    expect(addedDuringLoad).toEqual(['server'])

    // Once stopped, the local copy's transactions (a later trim of IndexedDB) are announced too.
    stop()
    doc.transact(() => doc.getMap('records').set('c', 3), localCopy)
    expect(seen.map((update) => update.origin)).toEqual(['server', localCopy])
  })

  it("announces a change the load's own observers make, in the order it was made", () => {
    const doc = new Y.Doc()
    const localCopy = { name: 'local copy' }
    const seen: Array<{ origin: unknown; update: Uint8Array }> = []
    doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ origin, update }))
    const stop = keepLocalCopyLoadQuiet(doc, localCopy, disconnected())
    // E.g. the binding writing the board's schema once the load is in.
    doc.getMap('records').observe((event) => {
      if (event.transaction.origin === localCopy) doc.transact(() => doc.getMap('meta').set('schema', 'v2'), 'binding')
    })
    // The local copy holds what another client wrote (the board as the server had it).
    const earlier = new Y.Doc()
    earlier.getMap('records').set('a', 1)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier), localCopy)
    doc.transact(() => doc.getMap('records').set('b', 2), 'server')
    expect(seen.map((update) => update.origin)).toEqual(['binding', 'server'])
    const replayed = new Y.Doc()
    Y.applyUpdate(replayed, seen[0]!.update)
    expect(replayed.getMap('meta').get('schema')).toBe('v2')
    expect(replayed.getMap('records').size).toBe(0)
    stop()
  })
})
