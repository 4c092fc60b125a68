import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence } from '../../server/persistence/memory'
import { AppliedSeqs } from '../../server/scaleout/appliedSeqs'
import { catchUpFromStorage } from '../../server/scaleout/catchUp'
import { decodeFanoutMessage, encodeFanoutMessage } from '../../server/scaleout/fanoutMessage'
import { REMOTE_ORIGIN } from '../../server/scaleout/replication'

describe('AppliedSeqs', () => {
  it.each([
    { adds: [1, 2, 3], through: 3, gap: false },
    { adds: [2, 3], through: 0, gap: true },
    { adds: [2, 3, 1], through: 3, gap: false },
    { adds: [1, 3, 5, 2], through: 3, gap: true },
    { adds: [1, 1, 2, 2], through: 2, gap: false },
  ])('applying $adds leaves through=$through, gap=$gap', ({ adds, through, gap }) => {
    const seqs = new AppliedSeqs()
    for (const seq of adds) seqs.add(seq)
    expect(seqs.through).toBe(through)
    expect(seqs.hasGap).toBe(gap)
  })

  it('covers a loaded range and keeps the applied seqs above it', () => {
    const seqs = new AppliedSeqs()
    seqs.add(7)
    seqs.add(9)
    seqs.coverThrough(6)
    expect(seqs.through).toBe(7)
    expect(seqs.has(9)).toBe(true)
    expect(seqs.has(8)).toBe(false)
    seqs.coverThrough(8)
    expect(seqs.through).toBe(9)
    expect(seqs.hasGap).toBe(false)
  })
})

/** A writer doc whose updates are stored in `persistence` as another instance would. */
async function storeNotes(persistence: MemoryPersistence, docId: string, writer: Y.Doc, keys: string[]): Promise<void> {
  for (const key of keys) {
    const before = Y.encodeStateVector(writer)
    writer.getMap('notes').set(key, `機會點 ${key}`)
    await persistence.appendUpdate(docId, Y.encodeStateAsUpdate(writer, before))
  }
}

describe('catchUpFromStorage', () => {
  it('applies the missed log rows as remote changes and advances the seqs', async () => {
    const persistence = new MemoryPersistence()
    const writer = new Y.Doc()
    await storeNotes(persistence, 'doc-a', writer, ['a', 'b', 'c'])
    const replica = new Y.Doc()
    const origins: unknown[] = []
    replica.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    const seqs = new AppliedSeqs()
    Y.applyUpdate(replica, (await persistence.readUpdatesAfter('doc-a', 0))[0]!.data)
    seqs.add(1)
    origins.length = 0

    expect(await catchUpFromStorage(persistence, 'doc-a', replica, seqs, false)).toMatchObject({ updates: 2 })
    expect(seqs.through).toBe(3)
    expect(replica.getMap('notes').toJSON()).toEqual(writer.getMap('notes').toJSON())
    expect(origins.every((o) => o === REMOTE_ORIGIN)).toBe(true)
    expect(await catchUpFromStorage(persistence, 'doc-a', replica, seqs, false)).toEqual({ updates: 0, bytes: 0 })
  })

  it('reads the snapshot when another instance compacted past what it holds', async () => {
    const persistence = new MemoryPersistence()
    const writer = new Y.Doc()
    await storeNotes(persistence, 'doc-b', writer, ['a', 'b', 'c', 'd'])
    await persistence.compact('doc-b', Y.encodeStateAsUpdate(writer), 4)
    const replica = new Y.Doc()
    const seqs = new AppliedSeqs()

    // The log after seq 0 is empty: without `full` that reads as "nothing new".
    await catchUpFromStorage(persistence, 'doc-b', replica, seqs, false)
    expect(replica.getMap('notes').size).toBe(0)
    await catchUpFromStorage(persistence, 'doc-b', replica, seqs, true)
    expect(seqs.through).toBe(4)
    expect(replica.getMap('notes').toJSON()).toEqual(writer.getMap('notes').toJSON())

    // A later row after a compaction we missed: the gap at the log's start triggers a snapshot read.
    await storeNotes(persistence, 'doc-b', writer, ['e', 'f'])
    await persistence.compact('doc-b', Y.encodeStateAsUpdate(writer), 6)
    await storeNotes(persistence, 'doc-b', writer, ['g'])
    await catchUpFromStorage(persistence, 'doc-b', replica, seqs, false)
    expect(seqs.through).toBe(7)
    expect(replica.getMap('notes').toJSON()).toEqual(writer.getMap('notes').toJSON())
  })
})

describe('catchUpFromStorage while this instance commits', () => {
  it('does not read the snapshot when its own commit lands during the log read', async () => {
    const persistence = new MemoryPersistence()
    const writer = new Y.Doc()
    await storeNotes(persistence, 'doc-c', writer, ['a', 'b', 'c'])
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(writer))
    const seqs = new AppliedSeqs()
    seqs.coverThrough(2)
    // Seq 3 is this instance's own append: its commit is recorded while the log is read.
    const read = persistence.readUpdatesAfter.bind(persistence)
    persistence.readUpdatesAfter = async (docId, after) => {
      const rows = await read(docId, after)
      seqs.add(3)
      return rows
    }
    let loads = 0
    const load = persistence.load.bind(persistence)
    persistence.load = async (docId) => {
      loads += 1
      return load(docId)
    }

    expect(await catchUpFromStorage(persistence, 'doc-c', replica, seqs, false)).toEqual({ updates: 0, bytes: 0 })
    expect(loads).toBe(0)
    expect(seqs.through).toBe(3)
  })
})

describe('fan-out messages', () => {
  it('round-trip every type and refuse other versions', () => {
    const update = { type: 'update', instanceId: 'i-1', boardId: 'board-0000000001', kind: 'session', seq: 2 ** 40 + 3, payload: Uint8Array.of(1, 2, 3) } as const
    const decoded = decodeFanoutMessage(encodeFanoutMessage(update))
    expect(decoded).toMatchObject({ ...update, payload: expect.anything() })
    expect(Array.from((decoded as { payload: Uint8Array }).payload)).toEqual([1, 2, 3])
    const query = { type: 'awareness-query', instanceId: 'i-2', boardId: 'board-0000000001', kind: 'board' } as const
    expect(decodeFanoutMessage(encodeFanoutMessage(query))).toEqual(query)
    const newer = encodeFanoutMessage(query)
    newer[0] = 9
    expect(decodeFanoutMessage(newer)).toBeNull()
    expect(decodeFanoutMessage(Buffer.from([1, 0]))).toBeNull()
  })
})
