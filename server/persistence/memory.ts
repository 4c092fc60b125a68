import {
  CompactionRangeError,
  FIRST_GENERATIONS,
  UnknownBoardError,
  type BoardRecord,
  type NewBoard,
  type PersistenceAdapter,
  type RoleGenerations,
  type StoredBoard,
  type StoredUpdate,
  type VoteDot,
} from './adapter'

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
  /** Documents by doc id. */
  readonly boards = new Map<string, MemoryBoard>()
  /** Board records by board id. */
  readonly records = new Map<string, BoardRecord>()
  /** Vote dots by `<boardId> <voteId>`, in the order they were placed. */
  readonly dots = new Map<string, VoteDot[]>()
}

/** Options for the in-memory adapter. */
export interface MemoryPersistenceOptions {
  store?: MemoryStore
  /** Test seam: runs inside compaction after the new state is staged and before it is committed. */
  beforeCompactionCommit?: (boardId: string) => void
  /** Test seam: runs before an append changes anything; throwing fails the append. */
  beforeAppend?: (docId: string) => void
}

/** In-memory persistence for tests: same contract as SQLite, nothing survives the process. */
export class MemoryPersistence implements PersistenceAdapter {
  readonly store: MemoryStore
  private closed = false

  constructor(private readonly options: MemoryPersistenceOptions = {}) {
    this.store = options.store ?? new MemoryStore()
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    this.ensureOpen()
    let record = this.store.records.get(board.id)
    if (!record) {
      record = { id: board.id, name: board.name, template: board.template, createdAt: new Date().toISOString(), generations: FIRST_GENERATIONS }
      this.store.records.set(board.id, record)
    }
    return { ...record }
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    this.ensureOpen()
    const record = this.store.records.get(boardId)
    return record ? { ...record } : null
  }

  async rotateTokens(boardId: string): Promise<RoleGenerations> {
    this.ensureOpen()
    const record = this.store.records.get(boardId)
    if (!record) throw new UnknownBoardError(boardId)
    const { generations: g } = record
    record.generations = { facilitator: g.facilitator, participant: g.participant + 1, viewer: g.viewer + 1 }
    return record.generations
  }

  async addVoteDot(boardId: string, voteId: string, dot: VoteDot, maxPerUser: number): Promise<boolean> {
    this.ensureOpen()
    const key = `${boardId} ${voteId}`
    const dots = this.store.dots.get(key) ?? []
    if (dots.filter((d) => d.userId === dot.userId).length >= maxPerUser) return false
    if (dots.some((d) => d.id === dot.id)) throw new Error(`Dot ${dot.id} already exists in this vote; use a new dot id.`)
    dots.push({ ...dot })
    this.store.dots.set(key, dots)
    return true
  }

  async removeVoteDot(boardId: string, voteId: string, userId: string, dotId: string): Promise<boolean> {
    this.ensureOpen()
    const dots = this.store.dots.get(`${boardId} ${voteId}`) ?? []
    const at = dots.findIndex((d) => d.id === dotId && d.userId === userId)
    if (at < 0) return false
    dots.splice(at, 1)
    return true
  }

  async listVoteDots(boardId: string, voteId: string, userId?: string): Promise<VoteDot[]> {
    this.ensureOpen()
    const dots = this.store.dots.get(`${boardId} ${voteId}`) ?? []
    return dots.filter((d) => userId === undefined || d.userId === userId).map((d) => ({ ...d }))
  }

  async load(docId: string): Promise<StoredBoard> {
    this.ensureOpen()
    const board = this.store.boards.get(docId)
    if (!board) return { snapshot: null, snapshotSeq: 0, updates: [] }
    return {
      snapshot: board.snapshot ? board.snapshot.slice() : null,
      snapshotSeq: board.snapshotSeq,
      updates: board.updates.map((u) => ({ seq: u.seq, data: u.data.slice() })),
    }
  }

  appendUpdate(docId: string, update: Uint8Array): number {
    this.ensureOpen()
    this.options.beforeAppend?.(docId)
    const board = this.docFor(docId)
    board.lastSeq += 1
    board.updates.push({ seq: board.lastSeq, data: update.slice() })
    return board.lastSeq
  }

  async compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.ensureOpen()
    const board = this.docFor(docId)
    if (throughSeq < board.snapshotSeq || throughSeq > board.lastSeq) {
      throw new CompactionRangeError(docId, throughSeq, board.snapshotSeq, board.lastSeq)
    }
    // Stage the new state, then swap it in at once: a failure before the swap changes nothing.
    const staged = {
      snapshot: snapshot.slice(),
      snapshotSeq: throughSeq,
      updates: board.updates.filter((u) => u.seq > throughSeq),
    }
    this.options.beforeCompactionCommit?.(docId)
    Object.assign(board, staged)
  }

  async readUpdatesAfter(docId: string, afterSeq: number): Promise<StoredUpdate[]> {
    this.ensureOpen()
    const board = this.store.boards.get(docId)
    if (!board) return []
    return board.updates.filter((u) => u.seq > afterSeq).map((u) => ({ seq: u.seq, data: u.data.slice() }))
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private docFor(docId: string): MemoryBoard {
    let board = this.store.boards.get(docId)
    if (!board) {
      board = { createdAt: new Date(), lastSeq: 0, snapshot: null, snapshotSeq: 0, updates: [] }
      this.store.boards.set(docId, board)
    }
    return board
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('The memory persistence adapter is closed; open a new one over the same MemoryStore.')
  }
}
