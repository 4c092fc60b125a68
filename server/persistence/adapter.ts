import type { BoardTemplate } from '../../shared/access/boardApi'
import type { BoardDocKind, Role } from '../../shared/access/roles'

/**
 * The storage contract every persistence backend fulfils. It holds three things:
 *
 * - Documents, keyed by a doc id: a board's content under its board id, its session state
 *   under `<boardId>:session` (see `docIdFor`). A document is an optional snapshot (a full
 *   Yjs state) plus an append-only log of Yjs updates. Each update gets a per-document
 *   sequence number, gap-free from 1 and never reused, even across compactions, so a
 *   reader can ask "what came after seq N" (healing, replicas).
 * - Board records: name, template, creation time and the token generation of each role.
 *   A board exists for the API only once `createBoard` recorded it.
 * - Vote dots, per board and vote, so counts stay server-side and per-person limits hold.
 */

/** The token generation of each role on one board; a token with an older generation is void. */
export type RoleGenerations = Readonly<Record<Role, number>>

/** What a new board is created with. */
export interface NewBoard {
  id: string
  name: string
  template: BoardTemplate
}

/** A board as stored. */
export interface BoardRecord extends NewBoard {
  /** ISO 8601 creation time. */
  createdAt: string
  generations: RoleGenerations
}

/** One dot a person placed on a note in a vote. */
export interface VoteDot {
  id: string
  userId: string
  noteId: string
}

/** One stored Yjs update and its per-board sequence number. */
export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

/** Everything needed to rebuild a document: snapshot first, then the updates after it, in seq order. */
export interface StoredBoard {
  /** Full Yjs state through `snapshotSeq`, or null when the board was never compacted. */
  snapshot: Uint8Array | null
  /** Highest seq folded into `snapshot` (0 when there is no snapshot). */
  snapshotSeq: number
  /** Updates with seq > snapshotSeq, ascending. */
  updates: StoredUpdate[]
}

/**
 * When an appended update counts as stored, and so may be relayed (DURABILITY):
 * - `background`: once committed to the database's log, which survives a crash of this
 *   server process; the log reaches the disk shortly after (SQLite: within 20 ms, see
 *   sqlite.ts; PostgreSQL: `synchronous_commit = off`, within three `wal_writer_delay`s,
 *   600 ms by default). A power cut or a crash of the machine (or of PostgreSQL) can lose
 *   those last updates; every client that received them still holds them and sends them
 *   back when it reconnects (Yjs sync step 2).
 * - `before-relay`: only once on disk, so not even a power cut loses a relayed update;
 *   each update waits for the disk (SQLite: an fsync; PostgreSQL: its default commit).
 * Board records, votes, token rotations and compactions are on disk before they are
 * answered in both modes.
 */
export type Durability = 'background' | 'before-relay'

/** Storage backend for boards. Implementations: SQLite (default), memory (tests). */
export interface PersistenceAdapter {
  /**
   * Records a new board (every generation 1, created now) and returns it; for an id that
   * already exists it changes nothing and returns the stored record.
   */
  createBoard(board: NewBoard): Promise<BoardRecord>
  /** The board's record, or null when no board with this id was created. */
  getBoard(boardId: string): Promise<BoardRecord | null>
  /**
   * Bumps the participant and viewer generations (the facilitator's stays) in one step and
   * returns the new generations. Rejects for a board that was never created.
   */
  rotateTokens(boardId: string): Promise<RoleGenerations>
  /**
   * Stores a dot unless `userId` already holds `maxPerUser` dots in this vote; the check and
   * the insert are one atomic step. Returns false (storing nothing) when the limit is reached.
   */
  addVoteDot(boardId: string, voteId: string, dot: VoteDot, maxPerUser: number): Promise<boolean>
  /** Removes a dot if it belongs to `userId`; returns whether one was removed. */
  removeVoteDot(boardId: string, voteId: string, userId: string, dotId: string): Promise<boolean>
  /** The vote's dots in the order they were placed, only `userId`'s when given. */
  listVoteDots(boardId: string, voteId: string, userId?: string): Promise<VoteDot[]>
  /** Loads a document; an unknown one loads as empty (no snapshot, no updates). */
  load(docId: string): Promise<StoredBoard>
  /**
   * Appends one update and returns its seq. The update must be durable when this
   * returns (synchronous backends) or resolves (asynchronous ones): the server relays
   * an update to other clients only after that. Unknown documents are created on first append.
   */
  appendUpdate(docId: string, update: Uint8Array): number | Promise<number>
  /**
   * Replaces the snapshot with `snapshot` (the state through `throughSeq`) and deletes
   * the updates with seq <= throughSeq, in one transaction: on failure nothing changes.
   * Rejects when throughSeq is older than the current snapshot or beyond the last update.
   */
  compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  /** Updates with seq > afterSeq still in the log, ascending (compacted ones are gone: reload the snapshot). */
  readUpdatesAfter(docId: string, afterSeq: number): Promise<StoredUpdate[]>
  /** Flushes and releases the backend; no other call is allowed afterwards. */
  close(): Promise<void>
}

/** The storage key of a board's document of `kind`: the board id, or `<boardId>:session`. */
export function docIdFor(boardId: string, kind: BoardDocKind): string {
  return kind === 'board' ? boardId : `${boardId}:session`
}

/** Generations of a newly created board. */
export const FIRST_GENERATIONS: RoleGenerations = { facilitator: 1, participant: 1, viewer: 1 }

/** Error for a board-level call on a board that was never created. */
export class UnknownBoardError extends Error {
  constructor(boardId: string) {
    super(`No board ${boardId.slice(0, 6)}… was created; create it with POST /api/boards first.`)
    this.name = 'UnknownBoardError'
  }
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
