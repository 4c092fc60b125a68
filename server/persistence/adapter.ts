/**
 * The storage contract every persistence backend fulfils. A board is stored as an
 * optional snapshot (a full Yjs state) plus an append-only log of Yjs updates. Each
 * update gets a per-board sequence number, gap-free from 1 and never reused, even across
 * compactions, so a reader can ask "what came after seq N" (healing, replicas).
 */

/** One stored Yjs update and its per-board sequence number. */
export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

/** Everything needed to rebuild a board: snapshot first, then the updates after it, in seq order. */
export interface StoredBoard {
  /** Full Yjs state through `snapshotSeq`, or null when the board was never compacted. */
  snapshot: Uint8Array | null
  /** Highest seq folded into `snapshot` (0 when there is no snapshot). */
  snapshotSeq: number
  /** Updates with seq > snapshotSeq, ascending. */
  updates: StoredUpdate[]
}

/** Storage backend for boards. Implementations: SQLite (default), memory (tests). */
export interface PersistenceAdapter {
  /** Records a new board with its creation time; calling it for an existing board changes nothing. */
  createBoard(boardId: string): Promise<void>
  /** Loads a board; an unknown board loads as empty (no snapshot, no updates). */
  load(boardId: string): Promise<StoredBoard>
  /**
   * Appends one update and returns its seq. The update must be durable when this
   * returns (synchronous backends) or resolves (asynchronous ones): the server relays
   * an update to other clients only after that. Unknown boards are created on first append.
   */
  appendUpdate(boardId: string, update: Uint8Array): number | Promise<number>
  /**
   * Replaces the snapshot with `snapshot` (the state through `throughSeq`) and deletes
   * the updates with seq <= throughSeq, in one transaction: on failure nothing changes.
   * Rejects when throughSeq is older than the current snapshot or beyond the last update.
   */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  /** Updates with seq > afterSeq still in the log, ascending (compacted ones are gone: reload the snapshot). */
  readUpdatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[]>
  /** Flushes and releases the backend; no other call is allowed afterwards. */
  close(): Promise<void>
}

/** Highest seq a loaded board holds (snapshot or last update). */
export function lastSeqOf(board: StoredBoard): number {
  return board.updates.at(-1)?.seq ?? board.snapshotSeq
}

/** Error for a compaction request that would lose or invent history. */
export class CompactionRangeError extends Error {
  constructor(boardId: string, throughSeq: number, snapshotSeq: number, lastSeq: number) {
    super(
      `Cannot compact board ${boardId.slice(0, 8)}… through seq ${throughSeq}: ` +
        `it must be between the current snapshot seq ${snapshotSeq} and the last update seq ${lastSeq}. ` +
        'Reload the board and compact from its current state.',
    )
    this.name = 'CompactionRangeError'
  }
}
