import { CompactionRangeError, type PersistenceAdapter, type StoredBoard, type StoredUpdate } from './adapter'

interface MemoryBoard {
  createdAt: Date
  lastSeq: number
  snapshot: Uint8Array | null
  snapshotSeq: number
  updates: StoredUpdate[]
}

/**
 * The boards a memory adapter writes to. Kept outside the adapter so a test can close
 * an adapter and open a new one over the same data, as a restart would.
 */
export class MemoryStore {
  readonly boards = new Map<string, MemoryBoard>()
}

/** Options for the in-memory adapter. */
export interface MemoryPersistenceOptions {
  store?: MemoryStore
  /** Test seam: runs inside compaction after the new state is staged and before it is committed. */
  beforeCompactionCommit?: (boardId: string) => void
}

/** In-memory persistence for tests: same contract as SQLite, nothing survives the process. */
export class MemoryPersistence implements PersistenceAdapter {
  readonly store: MemoryStore
  private closed = false

  constructor(private readonly options: MemoryPersistenceOptions = {}) {
    this.store = options.store ?? new MemoryStore()
  }

  async createBoard(boardId: string): Promise<void> {
    this.ensureOpen()
    this.boardFor(boardId)
  }

  async load(boardId: string): Promise<StoredBoard> {
    this.ensureOpen()
    const board = this.store.boards.get(boardId)
    if (!board) return { snapshot: null, snapshotSeq: 0, updates: [] }
    return {
      snapshot: board.snapshot ? board.snapshot.slice() : null,
      snapshotSeq: board.snapshotSeq,
      updates: board.updates.map((u) => ({ seq: u.seq, data: u.data.slice() })),
    }
  }

  appendUpdate(boardId: string, update: Uint8Array): number {
    this.ensureOpen()
    const board = this.boardFor(boardId)
    board.lastSeq += 1
    board.updates.push({ seq: board.lastSeq, data: update.slice() })
    return board.lastSeq
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.ensureOpen()
    const board = this.boardFor(boardId)
    if (throughSeq < board.snapshotSeq || throughSeq > board.lastSeq) {
      throw new CompactionRangeError(boardId, throughSeq, board.snapshotSeq, board.lastSeq)
    }
    // Stage the new state, then swap it in at once: a failure before the swap changes nothing.
    const staged = {
      snapshot: snapshot.slice(),
      snapshotSeq: throughSeq,
      updates: board.updates.filter((u) => u.seq > throughSeq),
    }
    this.options.beforeCompactionCommit?.(boardId)
    Object.assign(board, staged)
  }

  async readUpdatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[]> {
    this.ensureOpen()
    const board = this.store.boards.get(boardId)
    if (!board) return []
    return board.updates.filter((u) => u.seq > afterSeq).map((u) => ({ seq: u.seq, data: u.data.slice() }))
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private boardFor(boardId: string): MemoryBoard {
    let board = this.store.boards.get(boardId)
    if (!board) {
      board = { createdAt: new Date(), lastSeq: 0, snapshot: null, snapshotSeq: 0, updates: [] }
      this.store.boards.set(boardId, board)
    }
    return board
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('The memory persistence adapter is closed; open a new one over the same MemoryStore.')
  }
}
