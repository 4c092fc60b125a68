import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../../server/log'
import { MemoryPersistence } from '../../server/persistence/memory'
import { RoomRegistry } from '../../server/rooms/RoomRegistry'
import { BUSY_COMPACTION_FACTOR, StoredSize, type CompactionDue } from '../../server/rooms/storedSize'
import { MemoryClient, settle, type Joinable } from '../server/support/memoryClient'
import { roomOn } from '../server/support/roomOn'
import { logCompactions } from '../server/support/compactionLog'

const BOARD = 'room-quiet-compaction-01'

describe('StoredSize.compactionDue', () => {
  const limits = { compactAfterUpdates: 10, compactAfterBytes: 1000 }
  it.each<[string, number[], CompactionDue]>([
    ['an empty log', [], 'no'],
    ['a log below both thresholds', Array(9).fill(10), 'no'],
    ['a log at the update threshold', Array(10).fill(10), 'when-quiet'],
    ['a log just below the busy limit', Array(10 * BUSY_COMPACTION_FACTOR - 1).fill(1), 'when-quiet'],
    ['a log at the busy limit', Array(10 * BUSY_COMPACTION_FACTOR).fill(1), 'now'],
    ['a few large updates past the byte threshold', [600, 400], 'now'],
  ])('%s', (_, updates, due) => {
    const size = new StoredSize(limits)
    for (const bytes of updates) size.appended(bytes)
    expect(size.compactionDue).toBe(due)
  })

  it('counts growth since the last attempt, and a load as growth', () => {
    const size = new StoredSize(limits)
    for (let i = 0; i < 10; i++) size.appended(1)
    size.compactionStarted()
    expect(size.compactionDue).toBe('no')
    size.loaded(0, Array(10).fill(1))
    expect(size.compactionDue).toBe('when-quiet')
  })
})

describe('BoardRoom compaction at a quiet moment', () => {
  function boardOver(persistence: MemoryPersistence, compactAfterUpdates: number, compactQuietMs: number) {
    const compactions = logCompactions(persistence)
    const registry = new RoomRegistry({
      persistence,
      log: silentLogger,
      compactAfterUpdates,
      compactAfterBytes: 1 << 30,
      compactQuietMs,
      unloadDelayMs: 10_000,
    })
    const joinable: Joinable = { connect: (socket, access) => registry.connect(BOARD, socket, access) }
    return { registry, compactions, client: new MemoryClient().join(joinable) }
  }

  it('waits while updates keep coming, then folds the whole log once the board is quiet', async () => {
    const persistence = new MemoryPersistence()
    const { registry, compactions, client } = boardOver(persistence, 5, 120)
    for (let i = 0; i < 12; i++) {
      client.notes.set(`n${i}`, i)
      await registry.room(BOARD)!.idle()
      await settle(20)
    }
    // Past the threshold (5) twice over, but never quiet for 120 ms: nothing folded yet.
    expect(compactions).toEqual([])
    await settle(300)
    expect(compactions).toEqual([12])
    const board = await persistence.load(BOARD)
    expect(board.snapshotSeq).toBe(12)
    expect(board.updates).toEqual([])
  })

  it('folds at once on a board that is never quiet once the log is far too long', async () => {
    const persistence = new MemoryPersistence()
    const { registry, compactions, client } = boardOver(persistence, 2, 60_000)
    for (let i = 0; i < 2 * BUSY_COMPACTION_FACTOR + 3; i++) {
      client.notes.set(`n${i}`, i)
      await registry.room(BOARD)!.idle()
    }
    expect(compactions).toEqual([2 * BUSY_COMPACTION_FACTOR])
    await registry.shutdown()
  })

  it('is not quiet while people on another instance keep editing the board', async () => {
    const persistence = new MemoryPersistence()
    const compactions = logCompactions(persistence)
    const room = roomOn(BOARD, persistence, { compactAfterUpdates: 3, compactQuietMs: 120 })
    const client = new MemoryClient().join(room)
    for (let i = 0; i < 3; i++) client.notes.set(`here${i}`, i)
    await room.idle()
    // Another instance's people: stored there, published, received here.
    const elsewhere = new Y.Doc()
    for (let i = 0; i < 10; i++) {
      let update: Uint8Array | null = null
      elsewhere.once('update', (u: Uint8Array) => (update = u))
      elsewhere.getMap('notes').set(`there${i}`, i)
      room.receiveUpdate(await persistence.appendUpdate(BOARD, update!), update!)
      await settle(30)
    }
    expect(compactions).toEqual([])
    await settle(300)
    expect(compactions).toEqual([13])
    expect(client.notes.get('there9')).toBe(9)
    await room.shutdown()
  })
})

