import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence } from '../../server/persistence/memory'
import { encodeSyncStep2, encodeSyncUpdate } from '../../server/rooms/protocol'
import { MemoryClient, settle } from '../server/support/memoryClient'
import { roomOn } from '../server/support/roomOn'

const BOARD = 'room-relay-board-0001'


async function joinedPair(persistence: MemoryPersistence) {
  const room = roomOn(BOARD, persistence)
  const alice = new MemoryClient().join(room)
  const bob = new MemoryClient().join(room)
  await room.idle()
  await settle()
  bob.received.length = 0
  return { room, alice, bob }
}

/** A change made in a doc of its own, as the update Yjs emits for it. */
function changeIn(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let captured: Uint8Array | null = null
  const grab = (update: Uint8Array) => (captured = update)
  doc.on('update', grab)
  change(doc)
  doc.off('update', grab)
  return captured!
}

describe('BoardRoom relay of client updates', () => {
  it('stores the client update bytes and relays its frame as received', async () => {
    const persistence = new MemoryPersistence()
    const { room, alice, bob } = await joinedPair(persistence)
    const update = changeIn(new Y.Doc(), (doc) => doc.getMap('notes').set('pain', '等太久'))
    const frame = encodeSyncUpdate(update)
    alice.toServer(frame)
    await room.idle()
    await settle()

    expect(bob.received).toHaveLength(1)
    expect(bob.received[0]).toBe(frame)
    expect(bob.notes.get('pain')).toBe('等太久')
    const stored = await persistence.load(BOARD)
    expect(stored.updates.map((u) => [...u.data])).toEqual([[...update]])
  })

  it('neither stores nor relays an update the board already holds', async () => {
    const persistence = new MemoryPersistence()
    const { room, alice, bob } = await joinedPair(persistence)
    const update = changeIn(new Y.Doc(), (doc) => doc.getMap('notes').set('idea', '線上預約'))
    alice.toServer(encodeSyncUpdate(update))
    alice.toServer(encodeSyncUpdate(update))
    await room.idle()
    await settle()

    expect(bob.received).toHaveLength(1)
    expect((await persistence.load(BOARD)).updates).toHaveLength(1)
  })

  it('relays a sync step 2 from a client as a sync update', async () => {
    const persistence = new MemoryPersistence()
    const { room, alice, bob } = await joinedPair(persistence)
    const update = changeIn(new Y.Doc(), (doc) => doc.getMap('notes').set('offline', '離線時寫的'))
    alice.toServer(encodeSyncStep2(update))
    await room.idle()
    await settle()

    expect(bob.receivedKinds()).toEqual(['0/2'])
    expect(bob.notes.get('offline')).toBe('離線時寫的')
  })

  it('stores and relays an update waiting for a missing one, so both arrive everywhere and survive a reload', async () => {
    const persistence = new MemoryPersistence()
    const { room, alice, bob } = await joinedPair(persistence)
    const writer = new Y.Doc()
    const first = changeIn(writer, (doc) => doc.getArray('steps').insert(0, ['申請']))
    const second = changeIn(writer, (doc) => doc.getArray('steps').insert(1, ['審核']))
    alice.toServer(encodeSyncUpdate(second))
    await room.idle()
    await settle()
    expect(room.doc.getArray('steps').toJSON()).toEqual([])
    expect((await persistence.load(BOARD)).updates).toHaveLength(1)

    alice.toServer(encodeSyncUpdate(first))
    await room.idle()
    await settle()
    expect(room.doc.getArray('steps').toJSON()).toEqual(['申請', '審核'])
    expect(bob.doc.getArray('steps').toJSON()).toEqual(['申請', '審核'])

    await room.shutdown()
    const reloaded = roomOn(BOARD, persistence)
    await reloaded.idle()
    expect(reloaded.doc.getArray('steps').toJSON()).toEqual(['申請', '審核'])
    await reloaded.shutdown()
  })

  it('still stores and relays what a server-side task writes', async () => {
    const persistence = new MemoryPersistence()
    const { room, bob } = await joinedPair(persistence)
    await room.use((doc) => doc.getMap('notes').set('vote', 3))
    await settle()

    expect(bob.notes.get('vote')).toBe(3)
    expect((await persistence.load(BOARD)).updates).toHaveLength(1)
    // Client updates after the task are not re-encoded by a listener left behind.
    const update = changeIn(new Y.Doc(), (doc) => doc.getMap('notes').set('after', 1))
    const frame = encodeSyncUpdate(update)
    bob.received.length = 0
    new MemoryClient().join(room).toServer(frame)
    await room.idle()
    await settle()
    expect(bob.received.filter((f) => f[0] === 0)).toEqual([frame])
  })
})
