import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence } from '../../server/persistence/memory'
import { deferred, MemoryClient, settle } from '../server/support/memoryClient'
import { roomOn } from '../server/support/roomOn'

const BOARD = 'room-replicated-relay-01'

/** An update another instance stored (as the next seq) and published: a note `key` = `value`. */
async function storedElsewhere(persistence: MemoryPersistence, key: string, value: string): Promise<{ seq: number; update: Uint8Array }> {
  const other = new Y.Doc()
  const updates: Uint8Array[] = []
  other.on('update', (u: Uint8Array) => updates.push(u))
  other.getMap('notes').set(key, value)
  const update = updates[0]!
  return { seq: await persistence.appendUpdate(BOARD, update), update }
}

describe("another instance's update", () => {
  it('reaches the clients here while the room is busy, once, and is applied when the room gets to it', async () => {
    const persistence = new MemoryPersistence()
    const room = roomOn(BOARD, persistence)
    const alice = new MemoryClient().join(room)
    await room.idle()
    await settle()
    // The room's queue is held by a task (as by a compaction or a catch-up read).
    const gate = deferred()
    const busy = room.use(() => gate.promise)
    await settle()
    const framesBefore = alice.received.length

    const { seq, update } = await storedElsewhere(persistence, 'remote', '別台')
    room.receiveUpdate(seq, update)
    room.receiveUpdate(seq, update) // pub/sub may deliver twice
    await settle()
    expect(alice.notes.get('remote')).toBe('別台')
    expect(alice.received.length - framesBefore).toBe(1)
    expect(room.doc.getMap('notes').has('remote')).toBe(false)

    gate.resolve()
    await busy
    await room.idle()
    await settle()
    expect(room.doc.getMap('notes').get('remote')).toBe('別台')
    expect(alice.received.length - framesBefore).toBe(1)
  })

  it('arriving while the board loads, reaches a client that connected meanwhile', async () => {
    const persistence = new MemoryPersistence()
    const loaded = deferred()
    const load = persistence.load.bind(persistence)
    // The room reads storage at once but gets the answer late: the update below is not in it.
    persistence.load = async (docId) => {
      const stored = await load(docId)
      await loaded.promise
      return stored
    }
    const room = roomOn(BOARD, persistence)
    const alice = new MemoryClient().join(room)
    await settle()
    const { seq, update } = await storedElsewhere(persistence, 'early', '早到')
    room.receiveUpdate(seq, update)
    loaded.resolve()
    await room.idle()
    await settle()
    expect(alice.synced).toBe(true)
    expect(alice.notes.get('early')).toBe('早到')
  })
})
