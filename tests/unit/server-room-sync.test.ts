import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence } from '../../server/persistence/memory'
import { deferred, MemoryClient, settle } from '../server/support/memoryClient'
import { withOverrides } from '../server/support/persistenceWrapper'
import { roomOn } from '../server/support/roomOn'

const BOARD = 'room-sync-board-0001'


/** Stores `count` notes for BOARD as separate updates, as earlier sessions would have. */
async function seedBoard(persistence: MemoryPersistence, count: number): Promise<void> {
  const doc = new Y.Doc()
  doc.on('update', (u: Uint8Array) => void persistence.appendUpdate(BOARD, u))
  for (let i = 0; i < count; i++) doc.getMap('notes').set(`n${i}`, `痛點 ${i}`)
}

describe('BoardRoom sync', () => {
  it('answers nothing until the board is loaded, then holds the whole board at synced', async () => {
    const persistence = new MemoryPersistence()
    await seedBoard(persistence, 3)
    const gate = deferred()
    const slowLoad = persistence.load.bind(persistence)
    persistence.load = async (id) => {
      await gate.promise
      return slowLoad(id)
    }
    const room = roomOn(BOARD, persistence)
    const client = new MemoryClient().join(room)
    await settle(30)
    expect(client.received).toHaveLength(0)
    expect(client.synced).toBe(false)

    gate.resolve()
    await room.idle()
    await settle()
    // The board is held as stored bytes: the answer to the client's step 1 (0/1) goes
    // first, the server's own step 1 (0/0, a pass over all the bytes) after it.
    expect(client.receivedKinds().slice(0, 2)).toEqual(['0/1', '0/0'])
    expect(client.synced).toBe(true)
    expect(client.contentAtSynced).toEqual({ n0: '痛點 0', n1: '痛點 1', n2: '痛點 2' })
  })

  it('greets a newcomer with its state vector first once the board is decoded', async () => {
    const persistence = new MemoryPersistence()
    await seedBoard(persistence, 3)
    const room = roomOn(BOARD, persistence)
    const editor = new MemoryClient().join(room)
    editor.notes.set('n3', '痛點 3')
    await room.idle()
    const newcomer = new MemoryClient().join(room)
    await room.idle()
    await settle()
    expect(newcomer.receivedKinds().slice(0, 2)).toEqual(['0/0', '0/1'])
    expect(newcomer.contentAtSynced).toEqual({ n0: '痛點 0', n1: '痛點 1', n2: '痛點 2', n3: '痛點 3' })
  })

  it('relays an update only after its append resolved, and serves nothing unstored', async () => {
    const stored = new MemoryPersistence()
    const gates: Array<ReturnType<typeof deferred<void>>> = []
    const persistence = withOverrides(stored, {
      appendUpdate: (id, update) => {
        const gate = deferred<void>()
        gates.push(gate)
        return gate.promise.then(() => stored.appendUpdate(id, update))
      },
    })
    const room = roomOn(BOARD, persistence)
    const alice = new MemoryClient().join(room)
    const bob = new MemoryClient().join(room)
    await room.idle()
    await settle()
    expect(alice.synced && bob.synced).toBe(true)

    alice.notes.set('idea', '線上申辦')
    alice.notes.set('pain', '排隊太久')
    await settle(30)
    expect(gates).toHaveLength(1) // the second append waits for the first
    expect(bob.notes.toJSON()).toEqual({})
    // A newcomer during the pending append must not be served the unstored update either.
    const carol = new MemoryClient().join(room)
    await settle(30)
    expect(carol.received).toHaveLength(0)

    gates[0]!.resolve()
    await settle(30)
    expect(bob.notes.toJSON()).toEqual({ idea: '線上申辦' })
    expect(gates).toHaveLength(2)
    gates[1]!.resolve()
    await room.idle()
    await settle()
    expect(bob.notes.toJSON()).toEqual({ idea: '線上申辦', pain: '排隊太久' })
    expect(carol.contentAtSynced).toEqual({ idea: '線上申辦', pain: '排隊太久' })
    expect((await stored.load(BOARD)).updates.map((u) => u.seq)).toEqual([1, 2])
  })

  it('relays an update to everyone but its sender and keeps all docs equal', async () => {
    const room = roomOn(BOARD, new MemoryPersistence())
    const clients = [new MemoryClient(), new MemoryClient(), new MemoryClient()].map((c) => c.join(room))
    await room.idle()
    clients.forEach((c, i) => c.notes.set(`from-${i}`, i))
    await room.idle()
    await settle()
    for (const c of clients) expect(c.notes.toJSON()).toEqual({ 'from-0': 0, 'from-1': 1, 'from-2': 2 })
    expect(room.doc.getMap('notes').toJSON()).toEqual({ 'from-0': 0, 'from-1': 1, 'from-2': 2 })
    // The sender's own update is never echoed to it: only the others' two updates arrive as "0/2".
    expect(clients[0]!.receivedKinds().filter((k) => k === '0/2')).toHaveLength(2)
  })

  it('closes only the sender of a garbled update with 4401 and stores nothing from it', async () => {
    const persistence = new MemoryPersistence()
    const room = roomOn(BOARD, persistence)
    const good = new MemoryClient().join(room)
    const bad = new MemoryClient().join(room)
    await room.idle()
    bad.toServer(Uint8Array.from([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff]))
    await room.idle()
    expect(bad.closed?.code).toBe(4401)
    expect(good.closed).toBeNull()
    good.notes.set('still', 'works')
    await room.idle()
    expect(room.doc.getMap('notes').toJSON()).toEqual({ still: 'works' })
    expect((await persistence.load(BOARD)).updates).toHaveLength(1)
    expect(room.size).toBe(1)
  })
})
