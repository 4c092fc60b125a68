import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { isBoardTemplate } from '../../shared/access/boardApi'
import {
  CompactionRangeError,
  UnknownBoardError,
  type BoardRecord,
  type Durability,
  type NewBoard,
  type PersistenceAdapter,
  type RoleGenerations,
  type StoredBoard,
  type StoredUpdate,
  type VoteDot,
} from './adapter'
import { AppendQueue, type QueuedAppend } from './appendQueue'
import { WalCheckpointer } from './walCheckpointer'
import { WalSync, type WalFlush } from './walSync'

/** 1: documents only. 2: adds board_info and vote_dots (created on open; nothing to convert). */
const SCHEMA_VERSION = 2

// The table named "boards" holds one row per document (doc id: board id or "<id>:session"),
// a name kept from schema 1 so existing files open unchanged; board_info is the board itself.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS snapshots (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  through_seq INTEGER NOT NULL,
  data BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS updates (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS board_info (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  template TEXT NOT NULL,
  created_at TEXT NOT NULL,
  gen_facilitator INTEGER NOT NULL DEFAULT 1,
  gen_participant INTEGER NOT NULL DEFAULT 1,
  gen_viewer INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE TABLE IF NOT EXISTS vote_dots (
  board_id TEXT NOT NULL,
  vote_id TEXT NOT NULL,
  dot_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  UNIQUE (board_id, vote_id, dot_id)
) STRICT;
CREATE INDEX IF NOT EXISTS vote_dots_by_user ON vote_dots (board_id, vote_id, user_id);
`

interface BoardInfoRow {
  id: string
  name: string
  template: string
  created_at: string
  gen_facilitator: number
  gen_participant: number
  gen_viewer: number
}

/** Where the SQLite adapter keeps its file inside DATA_DIR. */
export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, 'boards.sqlite')
}

/** The WAL file's size after it starts over (PRAGMA journal_size_limit). */
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024
/** A WAL longer than this (4 KiB pages: ~64 MiB) is checkpointed on the writer's connection so it can start over. */
const MAX_WAL_FRAMES = 16_000

/**
 * In `background` mode a WAL fsync starts at most this long after a commit, and takes every
 * commit made meanwhile along: one fsync per 20 ms at most instead of one per commit. An
 * fsync per commit wakes a thread-pool thread each time, which on the relay benchmark's
 * 2-core machine showed as ~1 ms more median latency (docs/performance.md).
 */
export const BACKGROUND_GATHER_MS = 20

export interface SqliteOptions {
  /** When an append counts as stored (adapter.ts); default 'background': the WAL fsynced within BACKGROUND_GATHER_MS. */
  durability?: Durability
  /** What flushes the WAL; default a WalSync of the file's `-wal` (tests pass a fake). */
  walFlush?: (walFile: string) => WalFlush
}

/**
 * The embedded default backend: one SQLite file in WAL mode with `synchronous = NORMAL`:
 * a commit writes the WAL without fsyncing it, and WalSync (walSync.ts) fsyncs the WAL off
 * the event loop, after every commit. With `synchronous = FULL` each commit held the loop
 * for its fsync, and every message to every board of the process waited. Checkpoints run
 * on a worker thread (walCheckpointer.ts); only compaction's checkpoint fsyncs on the loop.
 * When an append resolves: see Durability (adapter.ts). Board records, vote dots, token
 * rotations and compactions resolve only once on disk, in both modes.
 * Group commit: appendUpdate queues, and the appends made together (in one run of code and
 * its microtasks), by any room of the process, are committed in one transaction right after
 * it, before the event loop handles the next message.
 */
export class SqlitePersistence implements PersistenceAdapter {
  private readonly db: Database.Database
  private readonly statements
  private readonly appendTransaction: (appends: readonly QueuedAppend[]) => number[]
  /** Appends made together, committed as soon as the code that made them has run (appendQueue.ts). */
  private readonly appends = new AppendQueue((appends) => this.commitAppends(appends), 'end-of-task')
  private readonly walSync: WalFlush
  private readonly checkpointer: WalCheckpointer
  private readonly durability: Durability
  /** Why the WAL could not be flushed in `background` mode; every later append rejects with it. */
  private syncError: Error | null = null
  private readonly addDotTransaction: (boardId: string, voteId: string, dot: VoteDot, maxPerUser: number) => boolean
  private readonly rotateTransaction: (boardId: string) => RoleGenerations

  /** Opens (creating if needed) `file`, and its directory. */
  constructor(
    readonly file: string,
    options: SqliteOptions = {},
  ) {
    this.durability = options.durability ?? 'background'
    mkdirSync(join(file, '..'), { recursive: true })
    this.db = new Database(file)
    useIncrementalVacuum(this.db)
    this.db.pragma('journal_mode = WAL')
    // WalSync fsyncs the WAL instead, off the event loop (see above).
    this.db.pragma('synchronous = NORMAL')
    const gatherMs = this.durability === 'background' ? BACKGROUND_GATHER_MS : 0
    this.walSync = (options.walFlush ?? ((walFile) => new WalSync(walFile, gatherMs)))(`${file}-wal`)
    // Checkpoints run on a worker thread instead of inside a commit (walCheckpointer.ts).
    this.db.pragma('wal_autocheckpoint = 0')
    // After a busy spell the WAL file is cut back to this size when it starts over.
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    const version = this.db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      this.db.close()
      throw new Error(
        `${file} was written by a newer server (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade the server.`,
      )
    }
    this.db.exec(SCHEMA)
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`)
    this.checkpointer = new WalCheckpointer(file, {
      onFailure: () => {
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000')
      },
      onWalFrames: (frames) => {
        // The WAL starts over only when a checkpoint has copied all of it before the next
        // commit; commits without a pause between them can keep that from happening. A
        // checkpoint here, on the only writer's connection, between two commits, copies
        // the rest, so the next commit starts it over (a pause of a few ms, never a wait).
        if (frames > MAX_WAL_FRAMES && this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)')
      },
    })
    this.statements = {
      insertBoard: this.db.prepare('INSERT INTO boards (id, created_at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING'),
      nextSeq: this.db.prepare<[string, string], { last_seq: number }>(
        `INSERT INTO boards (id, created_at, last_seq) VALUES (?, ?, 1)
         ON CONFLICT(id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      ),
      insertUpdate: this.db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)'),
      lastSeq: this.db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM boards WHERE id = ?'),
      snapshot: this.db.prepare<[string], { through_seq: number; data: Buffer }>(
        'SELECT through_seq, data FROM snapshots WHERE board_id = ?',
      ),
      updatesAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      upsertSnapshot: this.db.prepare(
        `INSERT INTO snapshots (board_id, through_seq, data) VALUES (?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data`,
      ),
      deleteUpdatesThrough: this.db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      insertBoardInfo: this.db.prepare(
        'INSERT INTO board_info (id, name, template, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
      ),
      boardInfo: this.db.prepare<[string], BoardInfoRow>('SELECT * FROM board_info WHERE id = ?'),
      bumpGenerations: this.db.prepare(
        'UPDATE board_info SET gen_participant = gen_participant + 1, gen_viewer = gen_viewer + 1 WHERE id = ?',
      ),
      countUserDots: this.db.prepare<[string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM vote_dots WHERE board_id = ? AND vote_id = ? AND user_id = ?',
      ),
      insertDot: this.db.prepare('INSERT INTO vote_dots (board_id, vote_id, dot_id, user_id, note_id) VALUES (?, ?, ?, ?, ?)'),
      deleteDot: this.db.prepare('DELETE FROM vote_dots WHERE board_id = ? AND vote_id = ? AND user_id = ? AND dot_id = ?'),
      dots: this.db.prepare<[string, string], { dot_id: string; user_id: string; note_id: string }>(
        'SELECT dot_id, user_id, note_id FROM vote_dots WHERE board_id = ? AND vote_id = ? ORDER BY rowid',
      ),
      userDots: this.db.prepare<[string, string, string], { dot_id: string; user_id: string; note_id: string }>(
        'SELECT dot_id, user_id, note_id FROM vote_dots WHERE board_id = ? AND vote_id = ? AND user_id = ? ORDER BY rowid',
      ),
    }
    this.appendTransaction = this.db.transaction((appends: readonly QueuedAppend[]): number[] => {
      const now = new Date().toISOString()
      return appends.map(({ docId, update }) => {
        const row = this.statements.nextSeq.get(docId, now)
        if (!row) throw new Error(`Could not allocate a seq for board ${docId.slice(0, 8)}…`)
        this.statements.insertUpdate.run(docId, row.last_seq, update)
        return row.last_seq
      })
    })
    this.addDotTransaction = this.db.transaction((boardId: string, voteId: string, dot: VoteDot, maxPerUser: number) => {
      const held = this.statements.countUserDots.get(boardId, voteId, dot.userId)?.n ?? 0
      if (held >= maxPerUser) return false
      this.statements.insertDot.run(boardId, voteId, dot.id, dot.userId, dot.noteId)
      return true
    })
    this.rotateTransaction = this.db.transaction((boardId: string) => {
      if (this.statements.bumpGenerations.run(boardId).changes === 0) throw new UnknownBoardError(boardId)
      return toRecord(this.statements.boardInfo.get(boardId)!).generations
    })
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    this.statements.insertBoardInfo.run(board.id, board.name, board.template, new Date().toISOString())
    await this.walSync.synced()
    return toRecord(this.statements.boardInfo.get(board.id)!)
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.statements.boardInfo.get(boardId)
    return row ? toRecord(row) : null
  }

  async rotateTokens(boardId: string): Promise<RoleGenerations> {
    const generations = this.rotateTransaction(boardId)
    await this.walSync.synced()
    return generations
  }

  async addVoteDot(boardId: string, voteId: string, dot: VoteDot, maxPerUser: number): Promise<boolean> {
    const added = this.addDotTransaction(boardId, voteId, dot, maxPerUser)
    if (added) await this.walSync.synced()
    return added
  }

  async removeVoteDot(boardId: string, voteId: string, userId: string, dotId: string): Promise<boolean> {
    const removed = this.statements.deleteDot.run(boardId, voteId, userId, dotId).changes > 0
    if (removed) await this.walSync.synced()
    return removed
  }

  async listVoteDots(boardId: string, voteId: string, userId?: string): Promise<VoteDot[]> {
    const rows =
      userId === undefined ? this.statements.dots.all(boardId, voteId) : this.statements.userDots.all(boardId, voteId, userId)
    return rows.map((row) => ({ id: row.dot_id, userId: row.user_id, noteId: row.note_id }))
  }

  async load(boardId: string): Promise<StoredBoard> {
    this.appends.flush()
    // One read transaction, so the snapshot and the updates come from the same state.
    return this.db.transaction(() => {
      const snapshot = this.statements.snapshot.get(boardId)
      const snapshotSeq = snapshot?.through_seq ?? 0
      return {
        snapshot: snapshot ? toBytes(snapshot.data) : null,
        snapshotSeq,
        updates: this.readAfter(boardId, snapshotSeq),
      }
    })()
  }

  /**
   * Queues the update and resolves with its seq once it is committed, with every other
   * append made together with it, in one transaction right after the code that made them
   * (a microtask; appendQueue.ts). Seqs
   * follow the order of the calls; when the transaction fails every append in it rejects and
   * none is stored.
   */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    if (!this.db.open) return Promise.reject(new Error('The SQLite adapter is closed; open a new one to store updates.'))
    if (this.syncError) return Promise.reject(this.syncError)
    return this.appends.add(boardId, update)
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.appends.flush()
    this.db.transaction(() => {
      const lastSeq = this.statements.lastSeq.get(boardId)?.last_seq ?? 0
      const snapshotSeq = this.statements.snapshot.get(boardId)?.through_seq ?? 0
      if (throughSeq < snapshotSeq || throughSeq > lastSeq) {
        throw new CompactionRangeError(boardId, throughSeq, snapshotSeq, lastSeq)
      }
      this.statements.insertBoard.run(boardId, new Date().toISOString())
      this.statements.upsertSnapshot.run(boardId, throughSeq, snapshot)
      this.statements.deleteUpdatesThrough.run(boardId, throughSeq)
    })()
    // Outside the transaction (SQLite refuses it inside): hand the pages of the deleted log
    // and of the old snapshot back to the file system, or the file keeps its largest size.
    this.db.pragma('incremental_vacuum')
    // The vacuum moves pages through the WAL: without a checkpoint here the WAL holds about
    // the old file's size and the file itself shrinks only at a checkpoint (100,000-update
    // log: file + WAL 30 MB while the server runs, 2.4 MB with this). Best effort: a busy
    // reader elsewhere only delays the truncation to a later checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    // The checkpoint flushed the file; when a reader kept it from finishing, the WAL holds
    // the snapshot.
    await this.walSync.synced()
  }

  async readUpdatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[]> {
    this.appends.flush()
    return this.readAfter(boardId, afterSeq)
  }

  async close(): Promise<void> {
    this.appends.flush()
    this.walSync.close()
    await this.checkpointer.close()
    if (this.db.open) this.db.close()
  }

  /** Commits appends made together, whatever their documents, in one transaction, then flushes the WAL (see Durability in adapter.ts). */
  private commitAppends(appends: QueuedAppend[]): void {
    let seqs: number[]
    try {
      seqs = this.appendTransaction(appends)
    } catch (error) {
      for (const append of appends) append.reject(error)
      return
    }
    if (this.durability === 'background') {
      this.walSync.sync((error) => {
        if (error && !this.syncError) this.syncError = new Error(`Flushing the SQLite WAL to disk failed: ${error.message}`, { cause: error })
      })
      for (const [i, append] of appends.entries()) append.resolve(seqs[i]!)
      return
    }
    this.walSync.sync((error) => {
      for (const [i, append] of appends.entries()) {
        if (error) append.reject(error)
        else append.resolve(seqs[i]!)
      }
    })
  }

  private readAfter(boardId: string, afterSeq: number): StoredUpdate[] {
    return this.statements.updatesAfter.all(boardId, afterSeq).map((row) => ({ seq: row.seq, data: toBytes(row.data) }))
  }
}

/**
 * Makes the file give freed pages back on `PRAGMA incremental_vacuum` (compact runs it).
 * A new file gets the mode before its first table; a file created without it (by an older
 * server) is converted once by a VACUUM, which rewrites the whole file: quick for a few
 * hundred compacted boards, seconds for a file of hundreds of MB, and only on that first open.
 */
function useIncrementalVacuum(db: Database.Database): void {
  const INCREMENTAL = 2
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return
  db.pragma('auto_vacuum = INCREMENTAL')
  const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }
  if (tables.n > 0) db.exec('VACUUM')
}

function toRecord(row: BoardInfoRow): BoardRecord {
  return {
    id: row.id,
    name: row.name,
    // A template this server does not know (written by a newer one) starts blank here.
    template: isBoardTemplate(row.template) ? row.template : 'blank',
    createdAt: row.created_at,
    generations: { facilitator: row.gen_facilitator, participant: row.gen_participant, viewer: row.gen_viewer },
  }
}

/** better-sqlite3 hands out Buffers; callers get plain Uint8Arrays (Yjs compares types). */
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
