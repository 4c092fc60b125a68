import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { silentLogger } from '../../server/log'
import { MemoryPersistence } from '../../server/persistence/memory'
import { RoomRegistry } from '../../server/rooms/RoomRegistry'
import { MemoryClient, settle, type Joinable } from '../server/support/memoryClient'
import { logCompactions } from '../server/support/compactionLog'

const BOARD = 'room-storage-board-01'

function registryOver(persistence: MemoryPersistence, extra: Partial<ConstructorParameters<typeof RoomRegistry>[0]> = {}) {
  return new RoomRegistry({
    persistence,
    log: silentLogger,
    compactAfterUpdates: 1000,
    compactAfterBytes: 1 << 30,
    unloadDelayMs: 10_000,
    ...extra,
  })
}

const onBoard = (registry: RoomRegistry): Joinable => ({ connect: (socket, access) => registry.connect(BOARD, socket, access) })

function rebuild(board: Awaited<ReturnType<MemoryPersistence['load']>>): Y.Doc {
  const doc = new Y.Doc()
  if (board.snapshot) Y.applyUpdate(doc, board.snapshot)
  for (const u of board.updates) Y.applyUpdate(doc, u.data)
  return doc
}

describe('BoardRoom storage', () => {
  it('on a failed append relays nothing, closes every socket with 4501 and drops the room', async () => {
    const persistence = new MemoryPersistence()
    const registry = registryOver(persistence)
    const alice = new MemoryClient().join(onBoard(registry))
    const bob = new MemoryClient().join(onBoard(registry))
    alice.notes.set('kept', 1)
    await registry.room(BOARD)!.idle()
    await settle()
    expect(bob.notes.toJSON()).toEqual({ kept: 1 })

    persistence.appendUpdate = () => {
      throw new Error('disk full')
    }
    const bobFramesBefore = bob.received.length
    alice.notes.set('lost', 2)
    await settle(30)
    expect(bob.received.length).toBe(bobFramesBefore)
    expect(bob.notes.toJSON()).toEqual({ kept: 1 })
    expect(alice.closed?.code).toBe(CloseCode.storageFailed)
    expect(bob.closed?.code).toBe(CloseCode.storageFailed)
    expect(registry.room(BOARD)).toBeUndefined()

    // The next room loads from storage: only what was stored comes back.
    const carol = new MemoryClient().join(onBoard(registry))
    await registry.room(BOARD)!.idle()
    await settle()
    expect(carol.contentAtSynced).toEqual({ kept: 1 })
  })

  it('closes waiting clients with 4500 when the board cannot be loaded', async () => {
    const persistence = new MemoryPersistence()
    persistence.load = async () => {
      throw new Error('database locked')
    }
    const registry = registryOver(persistence)
    const client = new MemoryClient().join(onBoard(registry))
    await settle(30)
    expect(client.closed?.code).toBe(CloseCode.loadFailed)
    expect(client.received).toHaveLength(0)
    expect(registry.room(BOARD)).toBeUndefined()
  })

  it('compacts when the log reaches the update threshold, keeping seqs gap-free', async () => {
    const persistence = new MemoryPersistence()
    const compactions = logCompactions(persistence)
    const registry = registryOver(persistence, { compactAfterUpdates: 5 })
    const client = new MemoryClient().join(onBoard(registry))
    for (let i = 0; i < 12; i++) {
      client.notes.set(`n${i}`, i)
      await registry.room(BOARD)!.idle()
    }
    expect(compactions).toEqual([5, 10])
    const board = await persistence.load(BOARD)
    expect(board.snapshotSeq).toBe(10)
    expect(board.updates.map((u) => u.seq)).toEqual([11, 12])
    expect(rebuild(board).getMap('notes').toJSON()).toEqual(client.notes.toJSON())
  })

  it('loads a long uncompacted log on top of a snapshot, and compacts it at once when over the threshold', async () => {
    const persistence = new MemoryPersistence()
    const source = new Y.Doc()
    const notes = source.getMap('notes')
    const stored: Uint8Array[] = []
    source.on('update', (u: Uint8Array) => stored.push(u))
    for (let i = 0; i < 40; i++) notes.set(`n${i}`, `便利貼 ${i}`)
    for (const u of stored) await persistence.appendUpdate(BOARD, u)
    await persistence.compact(BOARD, Y.encodeStateAsUpdate(source), stored.length)
    stored.length = 0
    // The log overwrites and deletes what the snapshot holds, as a workshop's edits do.
    for (let e = 0; e < 600; e++) notes.set(`n${e % 40}`, `改 ${e}`)
    for (let i = 0; i < 40; i += 3) notes.delete(`n${i}`)
    for (const u of stored) await persistence.appendUpdate(BOARD, u)
    const compactions = logCompactions(persistence)

    const registry = registryOver(persistence, { compactAfterUpdates: 500 })
    const client = new MemoryClient().join(onBoard(registry))
    await registry.room(BOARD)!.idle()
    await settle()
    expect(registry.room(BOARD)!.doc.getMap('notes').toJSON()).toEqual(notes.toJSON())
    expect(client.contentAtSynced).toEqual(notes.toJSON())
    // Folded right after the load, before anyone edits.
    expect(compactions).toEqual([40 + stored.length])
    const board = await persistence.load(BOARD)
    expect(board.updates).toEqual([])
    expect(rebuild(board).getMap('notes').toJSON()).toEqual(notes.toJSON())
  })

  it('compacts when the log reaches the byte threshold', async () => {
    const persistence = new MemoryPersistence()
    const registry = registryOver(persistence, { compactAfterBytes: 500 })
    const client = new MemoryClient().join(onBoard(registry))
    client.notes.set('small', 'x')
    await registry.room(BOARD)!.idle()
    expect((await persistence.load(BOARD)).snapshot).toBeNull()
    client.notes.set('large', '旅程地圖'.repeat(100))
    await registry.room(BOARD)!.idle()
    const board = await persistence.load(BOARD)
    expect(board.snapshotSeq).toBe(2)
    expect(board.updates).toEqual([])
  })

  it('unloads a board after the delay, persisting and compacting first', async () => {
    const persistence = new MemoryPersistence()
    const registry = registryOver(persistence, { unloadDelayMs: 60 })
    const client = new MemoryClient().join(onBoard(registry))
    client.notes.set('persona', '王小明')
    client.notes.set('stage', '申請')
    await registry.room(BOARD)!.idle()
    client.leave()
    await settle(20)
    expect(registry.room(BOARD)).toBeDefined()
    expect((await persistence.load(BOARD)).snapshot).toBeNull()

    await settle(80)
    await registry.unloadsSettled()
    expect(registry.room(BOARD)).toBeUndefined()
    const board = await persistence.load(BOARD)
    expect(board.snapshotSeq).toBe(2)
    expect(board.updates).toEqual([])
    expect(rebuild(board).getMap('notes').toJSON()).toEqual({ persona: '王小明', stage: '申請' })
  })

  it('keeps the board loaded when someone rejoins before the delay ends', async () => {
    const persistence = new MemoryPersistence()
    let compactions = 0
    const compactNow = persistence.compact.bind(persistence)
    persistence.compact = async (...args) => {
      compactions += 1
      return compactNow(...args)
    }
    const registry = registryOver(persistence, { unloadDelayMs: 60 })
    const first = new MemoryClient().join(onBoard(registry))
    first.notes.set('a', 1)
    await registry.room(BOARD)!.idle()
    const room = registry.room(BOARD)
    first.leave()
    await settle(30)
    const again = new MemoryClient().join(onBoard(registry))
    await settle(80)
    expect(registry.room(BOARD)).toBe(room)
    expect(compactions).toBe(0)
    expect(again.contentAtSynced).toEqual({ a: 1 })
  })

  it('shutdown compacts every board and closes sockets with 1012', async () => {
    const persistence = new MemoryPersistence()
    const registry = registryOver(persistence)
    const client = new MemoryClient().join(onBoard(registry))
    client.notes.set('a', 1)
    await registry.shutdown()
    expect(client.closed?.code).toBe(CloseCode.serviceRestart)
    const board = await persistence.load(BOARD)
    expect(board.snapshotSeq).toBe(1)
    expect(rebuild(board).getMap('notes').toJSON()).toEqual({ a: 1 })
    expect(() => registry.connect(BOARD, new MemoryClient(), { role: 'facilitator', generation: 1 })).toThrow(/shut down/)
  })
})
