import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docIdFor, lastSeqOf, type PersistenceAdapter, type StoredBoard } from '../../server/persistence/adapter'

/** What a backend under test provides to the contract suite. */
export interface ContractBackend {
  /** Opens an adapter over this backend's storage; opening again after close() must see the same data. */
  open(): Promise<PersistenceAdapter>
  /** Makes the next compactions fail half-way (after the snapshot write, before the commit); returns the undo. */
  injectCompactionFailure(): Promise<() => Promise<void>>
  /** Makes appends to `docId` fail inside the backend's commit (a full disk, a lost database); returns the undo. */
  injectAppendFailure(docId: string): Promise<() => Promise<void>>
}

const BOARD = 'contract-board-0001'
const OTHER = 'contract-board-0002'

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values)
}

/** Yjs updates that each add one entry to a map, so a rebuilt doc can be checked entry by entry. */
function yjsUpdates(count: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < count; i++) doc.getMap('notes').set(`note-${i}`, `便利貼 ${i}`)
  return { updates, doc }
}

/** Calls `append` now (same tick) and reports how it ended, whether the backend throws, rejects or answers. */
function attempt(append: () => number | Promise<number>): Promise<{ seq: number } | { error: unknown }> {
  try {
    return Promise.resolve(append()).then(
      (seq) => ({ seq }),
      (error: unknown) => ({ error }),
    )
  } catch (error) {
    return Promise.resolve({ error })
  }
}

function rebuild(board: StoredBoard): Y.Doc {
  const doc = new Y.Doc()
  if (board.snapshot) Y.applyUpdate(doc, board.snapshot)
  for (const u of board.updates) Y.applyUpdate(doc, u.data)
  return doc
}

/** The storage contract, run against every adapter (sqlite.test.ts, memory.test.ts). */
export function runPersistenceContract(name: string, makeBackend: () => ContractBackend): void {
  describe(`persistence contract: ${name}`, () => {
    it('loads an unknown board as empty', async () => {
      const adapter = await makeBackend().open()
      expect(await adapter.load('never-seen-board-1')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] })
      expect(await adapter.readUpdatesAfter('never-seen-board-1', 0)).toEqual([])
    })

    it('creates a board idempotently and loads it empty', async () => {
      const adapter = await makeBackend().open()
      await adapter.createBoard({ id: BOARD, name: '', template: 'blank' })
      await adapter.createBoard({ id: BOARD, name: '', template: 'blank' })
      expect(await adapter.load(BOARD)).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] })
    })

    it('records a board with name, template, creation time and first generations; a second create changes nothing', async () => {
      const adapter = await makeBackend().open()
      expect(await adapter.getBoard(BOARD)).toBeNull()
      const created = await adapter.createBoard({ id: BOARD, name: '資料申請小幫手 工作坊', template: 'five-step' })
      expect(created).toMatchObject({
        id: BOARD,
        name: '資料申請小幫手 工作坊',
        template: 'five-step',
        generations: { facilitator: 1, participant: 1, viewer: 1 },
      })
      expect(Math.abs(Date.now() - Date.parse(created.createdAt))).toBeLessThan(60_000)
      const again = await adapter.createBoard({ id: BOARD, name: 'other', template: 'blank' })
      expect(again).toEqual(created)
      expect(await adapter.getBoard(BOARD)).toEqual(created)
      expect(await adapter.getBoard(OTHER)).toBeNull()
    })

    it('rotates participant and viewer generations only, durably; refuses an unknown board', async () => {
      const backend = makeBackend()
      const adapter = await backend.open()
      await adapter.createBoard({ id: BOARD, name: 'b', template: 'blank' })
      await adapter.createBoard({ id: OTHER, name: 'o', template: 'blank' })
      expect(await adapter.rotateTokens(BOARD)).toEqual({ facilitator: 1, participant: 2, viewer: 2 })
      expect(await adapter.rotateTokens(BOARD)).toEqual({ facilitator: 1, participant: 3, viewer: 3 })
      expect((await adapter.getBoard(OTHER))?.generations).toEqual({ facilitator: 1, participant: 1, viewer: 1 })
      await expect(adapter.rotateTokens('never-created-board')).rejects.toThrow(/No board/)
      await adapter.close()
      const reopened = await backend.open()
      expect((await reopened.getBoard(BOARD))?.generations).toEqual({ facilitator: 1, participant: 3, viewer: 3 })
    })

    it("keeps a board's session document apart from its content, with its own seqs, and no board record", async () => {
      const adapter = await makeBackend().open()
      const session = docIdFor(BOARD, 'session')
      expect(session).not.toBe(BOARD)
      await adapter.createBoard({ id: BOARD, name: '', template: 'blank' })
      expect(await adapter.appendUpdate(BOARD, bytes(1))).toBe(1)
      expect(await adapter.appendUpdate(session, bytes(2))).toBe(1)
      expect(await adapter.appendUpdate(session, bytes(3))).toBe(2)
      await adapter.compact(session, bytes(9), 1)
      expect((await adapter.load(BOARD)).updates.map((u) => Array.from(u.data))).toEqual([[1]])
      const loaded = await adapter.load(session)
      expect(loaded.snapshotSeq).toBe(1)
      expect(loaded.updates.map((u) => Array.from(u.data))).toEqual([[3]])
      expect(await adapter.getBoard(session)).toBeNull()
    })

    it('holds vote dots to the per-person limit, per vote, atomically with concurrent calls', async () => {
      const adapter = await makeBackend().open()
      const add = (vote: string, user: string, id: string, note: string) => adapter.addVoteDot(BOARD, vote, { id, userId: user, noteId: note }, 2)
      // Three concurrent adds by one person with a limit of two: exactly two are stored.
      const results = await Promise.all([add('v1', 'ann', 'd1', 'n1'), add('v1', 'ann', 'd2', 'n1'), add('v1', 'ann', 'd3', 'n2')])
      expect(results.filter(Boolean)).toHaveLength(2)
      expect(await adapter.listVoteDots(BOARD, 'v1', 'ann')).toHaveLength(2)
      expect(await add('v1', 'bob', 'd4', 'n2')).toBe(true)
      expect(await add('v2', 'ann', 'd5', 'n3')).toBe(true) // another vote, its own dots
      expect(await adapter.addVoteDot(OTHER, 'v1', { id: 'd6', userId: 'ann', noteId: 'n1' }, 2)).toBe(true) // another board
      expect((await adapter.listVoteDots(BOARD, 'v1')).map((d) => d.userId).sort()).toEqual(['ann', 'ann', 'bob'])
      expect(await adapter.listVoteDots(BOARD, 'v2')).toEqual([{ id: 'd5', userId: 'ann', noteId: 'n3' }])
      expect(await adapter.listVoteDots(BOARD, 'v9')).toEqual([])
    })

    it('removes only the owner’s dot, frees the slot, and lists dots in placing order across reopen', async () => {
      const backend = makeBackend()
      const adapter = await backend.open()
      await adapter.addVoteDot(BOARD, 'v1', { id: 'a1', userId: 'ann', noteId: 'n2' }, 2)
      await adapter.addVoteDot(BOARD, 'v1', { id: 'b1', userId: 'bob', noteId: 'n1' }, 2)
      await adapter.addVoteDot(BOARD, 'v1', { id: 'a2', userId: 'ann', noteId: 'n1' }, 2)
      expect(await adapter.addVoteDot(BOARD, 'v1', { id: 'a3', userId: 'ann', noteId: 'n3' }, 2)).toBe(false)
      expect(await adapter.removeVoteDot(BOARD, 'v1', 'bob', 'a1')).toBe(false) // not bob's
      expect(await adapter.removeVoteDot(BOARD, 'v1', 'ann', 'a1')).toBe(true)
      expect(await adapter.removeVoteDot(BOARD, 'v1', 'ann', 'a1')).toBe(false)
      expect(await adapter.addVoteDot(BOARD, 'v1', { id: 'a3', userId: 'ann', noteId: 'n3' }, 2)).toBe(true)
      await adapter.close()
      const reopened = await backend.open()
      expect(await reopened.listVoteDots(BOARD, 'v1')).toEqual([
        { id: 'b1', userId: 'bob', noteId: 'n1' },
        { id: 'a2', userId: 'ann', noteId: 'n1' },
        { id: 'a3', userId: 'ann', noteId: 'n3' },
      ])
      expect((await reopened.listVoteDots(BOARD, 'v1', 'ann')).map((d) => d.id)).toEqual(['a2', 'a3'])
    })

    it('appends with gap-free seqs from 1 per board and loads them back in order', async () => {
      const adapter = await makeBackend().open()
      await adapter.createBoard({ id: BOARD, name: '', template: 'blank' })
      expect(await adapter.appendUpdate(BOARD, bytes(1, 2))).toBe(1)
      expect(await adapter.appendUpdate(OTHER, bytes(9))).toBe(1) // unknown board: created on first append
      expect(await adapter.appendUpdate(BOARD, bytes(3))).toBe(2)
      expect(await adapter.appendUpdate(BOARD, bytes(4, 5, 6))).toBe(3)
      const board = await adapter.load(BOARD)
      expect(board.snapshot).toBeNull()
      expect(board.updates.map((u) => [u.seq, Array.from(u.data)])).toEqual([
        [1, [1, 2]],
        [2, [3]],
        [3, [4, 5, 6]],
      ])
      expect((await adapter.load(OTHER)).updates.map((u) => u.seq)).toEqual([1])
      expect((await adapter.readUpdatesAfter(BOARD, 1)).map((u) => u.seq)).toEqual([2, 3])
    })

    it('keeps the stored bytes independent of the caller buffer', async () => {
      const adapter = await makeBackend().open()
      const update = bytes(7, 7, 7)
      await adapter.appendUpdate(BOARD, update)
      update.fill(0)
      expect(Array.from((await adapter.load(BOARD)).updates[0]!.data)).toEqual([7, 7, 7])
      // Reused before a batched append was committed: the bytes at the call are stored.
      const reused = bytes(8, 8)
      const pending = adapter.appendUpdate(BOARD, reused)
      reused.fill(1)
      expect(await pending).toBe(2)
      expect(Array.from((await adapter.load(BOARD)).updates[1]!.data)).toEqual([8, 8])
    })

    it('stores appends issued together (one tick, several documents) with seqs in call order per document', async () => {
      const adapter = await makeBackend().open()
      const session = docIdFor(BOARD, 'session')
      await adapter.appendUpdate(BOARD, bytes(0))
      // Not awaited one by one: a room sends its batch this way, and other rooms append in the same tick.
      const calls = Array.from({ length: 30 }, (_, i) => {
        const docId = [BOARD, OTHER, session][i % 3]!
        return { docId, data: [i, i + 1], seq: adapter.appendUpdate(docId, bytes(i, i + 1)) }
      })
      const seqs = await Promise.all(calls.map((c) => c.seq))
      expect(seqs.filter((_, i) => calls[i]!.docId === BOARD)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
      expect(seqs.filter((_, i) => calls[i]!.docId === OTHER)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(seqs.filter((_, i) => calls[i]!.docId === session)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      for (const docId of [BOARD, OTHER, session]) {
        const stored = (await adapter.load(docId)).updates
        const expected = calls.filter((c) => c.docId === docId).map((c) => c.data)
        expect(stored.map((u) => Array.from(u.data))).toEqual(docId === BOARD ? [[0], ...expected] : expected)
        expect(stored.map((u) => u.seq)).toEqual(stored.map((_, i) => i + 1))
      }
      // A batch right after, and one more append after it, continue the seqs.
      const next = await Promise.all([adapter.appendUpdate(OTHER, bytes(1)), adapter.appendUpdate(OTHER, bytes(2))])
      expect(next).toEqual([11, 12])
      expect(await adapter.appendUpdate(OTHER, bytes(3))).toBe(13)
    })

    it('stores nothing of a failed append, consumes no seq for it, and reports each append truthfully', async () => {
      const backend = makeBackend()
      const adapter = await backend.open()
      await adapter.appendUpdate(BOARD, bytes(1))
      await adapter.appendUpdate(OTHER, bytes(1))
      const undo = await backend.injectAppendFailure(OTHER)
      const outcomes = await Promise.all([
        attempt(() => adapter.appendUpdate(BOARD, bytes(2))),
        attempt(() => adapter.appendUpdate(OTHER, bytes(2))),
        attempt(() => adapter.appendUpdate(BOARD, bytes(3))),
        attempt(() => adapter.appendUpdate(OTHER, bytes(3))),
      ])
      expect(outcomes.filter((_, i) => i % 2 === 1).every((o) => 'error' in o)).toBe(true)
      // The other document's appends succeeded or failed together (one transaction or one
      // statement), and storage holds exactly the ones reported stored.
      const boardOutcomes = outcomes.filter((_, i) => i % 2 === 0)
      const boardStored = boardOutcomes.filter((o): o is { seq: number } => 'seq' in o)
      expect([0, 2]).toContain(boardStored.length)
      expect(boardStored.map((o) => o.seq)).toEqual(boardStored.length === 2 ? [2, 3] : [])
      expect((await adapter.load(BOARD)).updates.map((u) => Array.from(u.data))).toEqual(
        boardStored.length === 2 ? [[1], [2], [3]] : [[1]],
      )
      expect((await adapter.load(OTHER)).updates.map((u) => u.seq)).toEqual([1])

      await undo()
      expect(await adapter.appendUpdate(OTHER, bytes(4))).toBe(2)
      expect(await adapter.appendUpdate(BOARD, bytes(4))).toBe(boardStored.length + 2)
      expect((await adapter.readUpdatesAfter(OTHER, 0)).map((u) => [u.seq, Array.from(u.data)])).toEqual([
        [1, [1]],
        [2, [4]],
      ])
    })

    it('compacts into a snapshot and keeps seqs gap-free across compactions', async () => {
      const adapter = await makeBackend().open()
      const { updates, doc } = yjsUpdates(6)
      for (const u of updates.slice(0, 4)) await adapter.appendUpdate(BOARD, u)
      const partial = rebuild(await adapter.load(BOARD))
      await adapter.compact(BOARD, Y.encodeStateAsUpdate(partial), 4)
      for (const u of updates.slice(4)) await adapter.appendUpdate(BOARD, u)

      const board = await adapter.load(BOARD)
      expect(board.snapshotSeq).toBe(4)
      expect(board.updates.map((u) => u.seq)).toEqual([5, 6])
      expect(lastSeqOf(board)).toBe(6)
      expect(rebuild(board).getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
      expect((await adapter.readUpdatesAfter(BOARD, 0)).map((u) => u.seq)).toEqual([5, 6])

      await adapter.compact(BOARD, Y.encodeStateAsUpdate(doc), 6)
      expect(await adapter.appendUpdate(BOARD, bytes(0, 0))).toBe(7)
      const after = await adapter.load(BOARD)
      expect(after.snapshotSeq).toBe(6)
      expect(after.updates.map((u) => u.seq)).toEqual([7])
    })

    it('refuses a compaction older than the snapshot or beyond the last update, changing nothing', async () => {
      const adapter = await makeBackend().open()
      const { updates } = yjsUpdates(3)
      for (const u of updates) await adapter.appendUpdate(BOARD, u)
      await adapter.compact(BOARD, bytes(0, 0), 2)
      const before = await adapter.load(BOARD)
      await expect(adapter.compact(BOARD, bytes(0, 0), 1)).rejects.toThrow(/between the current snapshot seq 2/)
      await expect(adapter.compact(BOARD, bytes(0, 0), 4)).rejects.toThrow(/last update seq 3/)
      expect(await adapter.load(BOARD)).toEqual(before)
    })

    it('leaves the old state loadable when a compaction fails half-way', async () => {
      const backend = makeBackend()
      const adapter = await backend.open()
      const { updates, doc } = yjsUpdates(5)
      for (const u of updates.slice(0, 2)) await adapter.appendUpdate(BOARD, u)
      await adapter.compact(BOARD, Y.encodeStateAsUpdate(rebuild(await adapter.load(BOARD))), 2)
      for (const u of updates.slice(2)) await adapter.appendUpdate(BOARD, u)
      const before = await adapter.load(BOARD)

      const undo = await backend.injectCompactionFailure()
      await expect(adapter.compact(BOARD, bytes(0, 0), 5)).rejects.toThrow()
      const afterFailure = await adapter.load(BOARD)
      expect(afterFailure).toEqual(before)
      expect(rebuild(afterFailure).getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
      expect(await adapter.appendUpdate(BOARD, bytes(0, 0))).toBe(6)

      await undo()
      await adapter.compact(BOARD, Y.encodeStateAsUpdate(doc), 5)
      expect((await adapter.load(BOARD)).snapshotSeq).toBe(5)
    })

    it('keeps everything across close and reopen, and continues the seq', async () => {
      const backend = makeBackend()
      const first = await backend.open()
      const { updates, doc } = yjsUpdates(4)
      await first.createBoard({ id: BOARD, name: '', template: 'blank' })
      for (const u of updates.slice(0, 3)) await first.appendUpdate(BOARD, u)
      await first.compact(BOARD, Y.encodeStateAsUpdate(rebuild(await first.load(BOARD))), 3)
      await first.appendUpdate(BOARD, updates[3]!)
      await first.close()

      const second = await backend.open()
      const board = await second.load(BOARD)
      expect(board.snapshotSeq).toBe(3)
      expect(board.updates.map((u) => u.seq)).toEqual([4])
      expect(rebuild(board).getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
      expect(await second.appendUpdate(BOARD, bytes(0, 0))).toBe(5)
      await second.close()
    })
  })
}
