import pg from 'pg'
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
import { AppendQueue, byDocument, type QueuedAppend } from './appendQueue'
import { traceEvent, traceUpdate } from '../scaleout/trace'

/** Where the PostgreSQL adapter connects and which schema holds its tables. */
export interface PostgresOptions {
  /** postgres://user@host:port/database */
  connectionString: string
  /** Schema of the tables, created if missing (lower-case letters, digits, `_`). Default `public`. */
  schema?: string
  /** Most connections this process opens. Default 10 (plus APPEND_POOL_SIZE for appends in `background` durability). */
  poolSize?: number
  /** When an append counts as stored (adapter.ts); default 'background': committed with `synchronous_commit = off`. */
  durability?: Durability
}

/** Connections for appends when they commit without waiting for the flush (one statement per document and tick). */
export const APPEND_POOL_SIZE = 4

/**
 * The session settings of the connections that append updates: `background` durability
 * commits them without waiting for PostgreSQL to flush its WAL (it does within three
 * `wal_writer_delay`s; no risk of inconsistency, only of losing those last commits if
 * PostgreSQL or its machine crashes). Everything else keeps the server's default.
 */
export function appendSessionOptions(durability: Durability): string | undefined {
  return durability === 'background' ? '-c synchronous_commit=off' : undefined
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

// "documents" holds one row per doc id (board id or "<id>:session") with the last seq handed
// out, so the next seq comes from one locked row: gap-free, and serialised across instances.
function schemaSql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.documents (
  id TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ${s}.snapshots (
  doc_id TEXT PRIMARY KEY REFERENCES ${s}.documents(id),
  through_seq BIGINT NOT NULL,
  data BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.updates (
  doc_id TEXT NOT NULL REFERENCES ${s}.documents(id),
  seq BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS ${s}.boards (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  template TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  gen_facilitator INTEGER NOT NULL DEFAULT 1,
  gen_participant INTEGER NOT NULL DEFAULT 1,
  gen_viewer INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS ${s}.vote_dots (
  n BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL,
  vote_id TEXT NOT NULL,
  dot_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  UNIQUE (board_id, vote_id, dot_id)
);
CREATE INDEX IF NOT EXISTS vote_dots_by_user ON ${s}.vote_dots (board_id, vote_id, user_id);
`
}

interface BoardRow {
  id: string
  name: string
  template: string
  created_at: Date
  gen_facilitator: number
  gen_participant: number
  gen_viewer: number
}

/**
 * The scale-out backend: PostgreSQL, shared by every server instance. The appends made to
 * one document in one tick are one statement (its own transaction) that bumps the
 * document's seq row by their number and inserts them, so two instances appending to one
 * board get distinct, gap-free seqs; they resolve after the commit: with `before-relay`
 * durability PostgreSQL's default commit, flushed to disk; with `background` (the
 * default) a commit on a session with `synchronous_commit = off` (appendSessionOptions).
 * Documents are committed separately (in parallel, over the pool): a transaction locking
 * several seq rows could deadlock with another instance's locking them in another order.
 */
export class PostgresPersistence implements PersistenceAdapter {
  private readonly s: string
  /** Appends made in this tick, sent at its end by `sendAppends`. */
  private readonly appends = new AppendQueue((appends) => this.sendAppends(appends), 'end-of-tick')
  /** Per document, the statement storing its latest batch: the next one waits for it, so seqs follow call order. */
  private readonly docTails = new Map<string, Promise<void>>()

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    /** Where appends go: `pool` itself, or a pool of sessions that commit without waiting for the flush. */
    private readonly appendPool: pg.Pool = pool,
  ) {
    this.s = `"${schema}"`
  }

  /** Connects, creates the schema and tables if missing, and returns the adapter. */
  static async open(options: PostgresOptions): Promise<PostgresPersistence> {
    const schema = options.schema ?? 'public'
    if (!SCHEMA_NAME.test(schema)) {
      throw new Error(
        `DATABASE_SCHEMA=${JSON.stringify(schema)} is invalid: expected lower-case letters, digits and "_", starting with a letter or "_".`,
      )
    }
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 })
    const appendOptions = appendSessionOptions(options.durability ?? 'background')
    const appendPool = appendOptions
      ? new pg.Pool({ connectionString: options.connectionString, max: APPEND_POOL_SIZE, options: appendOptions })
      : pool
    // An idle client losing its connection (database restart) must not crash the process.
    pool.on('error', () => {})
    appendPool.on('error', () => {})
    const adapter = new PostgresPersistence(pool, schema, appendPool)
    try {
      await adapter.transaction(async (client) => {
        // Two instances starting at once would race on CREATE SCHEMA/TABLE IF NOT EXISTS.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('civic-canvas-schema'))")
        await client.query(schemaSql(adapter.s))
        await adapter.compressSnapshotsWithLz4(client)
      })
    } catch (error) {
      await pool.end()
      if (appendPool !== pool) await appendPool.end()
      throw new Error(
        `Could not prepare PostgreSQL schema ${schema} (${(error as Error).message}); check DATABASE_URL and that the user may create tables.`,
      )
    }
    return adapter
  }

  /**
   * Snapshots (the whole board, a megabyte or more) are written while a room waits; pglz,
   * the default, costs about twice as long to write as lz4 for ~15% less space. PostgreSQL 14
   * or newer built with lz4 gets lz4 (applies to snapshots written from then on); elsewhere
   * this does nothing. Runs inside the schema transaction, under its advisory lock.
   */
  private async compressSnapshotsWithLz4(client: pg.PoolClient): Promise<void> {
    const version = await client.query<{ n: number }>(`SELECT current_setting('server_version_num')::int AS n`)
    if ((version.rows[0]?.n ?? 0) < 140000) return
    // attcompression exists from 14 on; 'l' is lz4.
    const { rows } = await client.query<{ compression: string }>(
      `SELECT attcompression::text AS compression FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'data'`,
      [`${this.s}.snapshots`],
    )
    if (rows[0]?.compression === 'l') return
    await client.query('SAVEPOINT lz4')
    try {
      await client.query(`ALTER TABLE ${this.s}.snapshots ALTER COLUMN data SET COMPRESSION lz4`)
    } catch {
      // Built without lz4: keep pglz.
      await client.query('ROLLBACK TO SAVEPOINT lz4')
    }
  }

  /** A cheap round trip, for readiness checks. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    await this.pool.query(
      `INSERT INTO ${this.s}.boards (id, name, template) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [board.id, board.name, board.template],
    )
    const stored = await this.getBoard(board.id)
    if (!stored) throw new Error(`Board ${board.id.slice(0, 6)}… vanished right after it was created; try again.`)
    return stored
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const { rows } = await this.pool.query<BoardRow>(`SELECT * FROM ${this.s}.boards WHERE id = $1`, [boardId])
    return rows[0] ? toRecord(rows[0]) : null
  }

  async rotateTokens(boardId: string): Promise<RoleGenerations> {
    const { rows } = await this.pool.query<BoardRow>(
      `UPDATE ${this.s}.boards SET gen_participant = gen_participant + 1, gen_viewer = gen_viewer + 1
       WHERE id = $1 RETURNING *`,
      [boardId],
    )
    if (!rows[0]) throw new UnknownBoardError(boardId)
    return toRecord(rows[0]).generations
  }

  async addVoteDot(boardId: string, voteId: string, dot: VoteDot, maxPerUser: number): Promise<boolean> {
    return this.transaction(async (client) => {
      // Serialises this person's dots in this vote across instances, so count-then-insert holds.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${boardId} ${voteId} ${dot.userId}`])
      const { rows } = await client.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${this.s}.vote_dots WHERE board_id = $1 AND vote_id = $2 AND user_id = $3`,
        [boardId, voteId, dot.userId],
      )
      if (Number(rows[0]?.n ?? 0) >= maxPerUser) return false
      await client.query(
        `INSERT INTO ${this.s}.vote_dots (board_id, vote_id, dot_id, user_id, note_id) VALUES ($1, $2, $3, $4, $5)`,
        [boardId, voteId, dot.id, dot.userId, dot.noteId],
      )
      return true
    })
  }

  async removeVoteDot(boardId: string, voteId: string, userId: string, dotId: string): Promise<boolean> {
    const result = await this.pool.query(
      `DELETE FROM ${this.s}.vote_dots WHERE board_id = $1 AND vote_id = $2 AND user_id = $3 AND dot_id = $4`,
      [boardId, voteId, userId, dotId],
    )
    return (result.rowCount ?? 0) > 0
  }

  async listVoteDots(boardId: string, voteId: string, userId?: string): Promise<VoteDot[]> {
    const { rows } = await this.pool.query<{ dot_id: string; user_id: string; note_id: string }>(
      `SELECT dot_id, user_id, note_id FROM ${this.s}.vote_dots
       WHERE board_id = $1 AND vote_id = $2 AND ($3::text IS NULL OR user_id = $3) ORDER BY n`,
      [boardId, voteId, userId ?? null],
    )
    return rows.map((row) => ({ id: row.dot_id, userId: row.user_id, noteId: row.note_id }))
  }

  async load(docId: string): Promise<StoredBoard> {
    traceEvent('load')
    // One snapshot-isolated read, so the snapshot and the updates come from the same state
    // even while another instance compacts.
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ through_seq: string; data: Buffer }>(
        `SELECT through_seq, data FROM ${this.s}.snapshots WHERE doc_id = $1`,
        [docId],
      )
      const snapshotSeq = rows[0] ? Number(rows[0].through_seq) : 0
      return {
        snapshot: rows[0] ? toBytes(rows[0].data) : null,
        snapshotSeq,
        updates: await this.readAfter(client, docId, snapshotSeq),
      }
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  }

  /** Queues the update; resolves with its seq once the statement holding this tick's appends to the document committed. */
  appendUpdate(docId: string, update: Uint8Array): Promise<number> {
    traceUpdate('queued', update)
    return this.appends.add(docId, update)
  }

  /**
   * Folds the log through `throughSeq` into `snapshot` in one transaction, without locking
   * the document's seq row, so appends from every instance commit while the snapshot is
   * written (it is the whole board: a megabyte or more). That is safe because seqs commit
   * in order (an append holds the seq row until it commits), so every seq up to the
   * committed `last_seq` is stored, `last_seq` only grows while this runs, and the delete
   * (`seq <= throughSeq`) cannot touch a row an append is adding. Compactions of one
   * document are serialised across instances by a transaction-scoped advisory lock; one
   * that finds another running is skipped and resolves without change (the running one
   * folds the log; the caller compacts again after more growth). Every instance counts
   * its own growth, so on a busy board they tend to compact within milliseconds of each other.
   */
  async compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    traceEvent('compact-start', { throughSeq })
    const done = await this.transaction(async (client) => {
      const lock = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got', [
        `civic-canvas-compact ${this.schema} ${docId}`,
      ])
      if (!lock.rows[0]?.got) return false
      traceEvent('compact-locked', { throughSeq })
      // DO NOTHING takes no lock on an existing row (appends go on).
      await client.query(`INSERT INTO ${this.s}.documents (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [docId])
      const { rows } = await client.query<{ last_seq: string; through_seq: string | null }>(
        `SELECT d.last_seq, s.through_seq FROM ${this.s}.documents d LEFT JOIN ${this.s}.snapshots s ON s.doc_id = d.id
         WHERE d.id = $1`,
        [docId],
      )
      const lastSeq = Number(rows[0]?.last_seq ?? 0)
      const snapshotSeq = Number(rows[0]?.through_seq ?? 0)
      if (throughSeq < snapshotSeq || throughSeq > lastSeq) {
        throw new CompactionRangeError(docId, throughSeq, snapshotSeq, lastSeq)
      }
      // One round trip for both writes (the snapshot's foreign key check takes only a key-share lock on the seq row).
      await client.query(
        `WITH snap AS (
           INSERT INTO ${this.s}.snapshots (doc_id, through_seq, data) VALUES ($1, $2, $3)
           ON CONFLICT (doc_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
           RETURNING 1
         )
         DELETE FROM ${this.s}.updates WHERE doc_id = $1 AND seq <= $2 AND EXISTS (SELECT 1 FROM snap)`,
        [docId, throughSeq, toBuffer(snapshot)],
      )
      return true
    })
    traceEvent(done ? 'compact-end' : 'compact-skipped', { throughSeq })
  }

  async readUpdatesAfter(docId: string, afterSeq: number): Promise<StoredUpdate[]> {
    traceEvent('read-after-start', { afterSeq })
    const rows = await this.readAfter(this.pool, docId, afterSeq)
    traceEvent('read-after-end', { afterSeq, rows: rows.length })
    return rows
  }

  async close(): Promise<void> {
    this.appends.flush()
    await Promise.all(this.docTails.values())
    if (!this.pool.ended) await this.pool.end()
    if (this.appendPool !== this.pool && !this.appendPool.ended) await this.appendPool.end()
  }

  private sendAppends(appends: QueuedAppend[]): void {
    for (const [docId, batch] of byDocument(appends)) {
      const tail = (this.docTails.get(docId) ?? Promise.resolve()).then(() => this.storeBatch(docId, batch))
      this.docTails.set(docId, tail)
      void tail.then(() => {
        if (this.docTails.get(docId) === tail) this.docTails.delete(docId)
      })
    }
  }

  /** Stores one document's batch in one statement and settles each append; never rejects. */
  private async storeBatch(docId: string, batch: QueuedAppend[]): Promise<void> {
    try {
      for (const append of batch) traceUpdate('sent', append.update)
      // Named: each connection parses and plans it once (a statement per document and tick).
      const { rows } = await this.appendPool.query<{ seq: string }>({
        name: `civic-canvas-append-${this.schema}`,
        text: `WITH next AS (
           INSERT INTO ${this.s}.documents (id, last_seq) VALUES ($1, $3)
           ON CONFLICT (id) DO UPDATE SET last_seq = documents.last_seq + $3
           RETURNING last_seq
         )
         INSERT INTO ${this.s}.updates (doc_id, seq, data)
         SELECT $1, next.last_seq - $3 + u.n, u.data FROM next, unnest($2::bytea[]) WITH ORDINALITY AS u(data, n)
         RETURNING seq`,
        values: [docId, batch.map((append) => toBuffer(append.update)), batch.length],
      })
      if (rows.length !== batch.length) throw new Error(`Could not allocate seqs for document ${docId.slice(0, 8)}…`)
      // The n-th update got the n-th of these consecutive seqs.
      const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b)
      for (const [i, append] of batch.entries()) {
        traceUpdate('committed', append.update, { seq: seqs[i], batch: batch.length })
        append.resolve(seqs[i]!)
      }
    } catch (error) {
      for (const append of batch) append.reject(error)
    }
  }

  private async readAfter(db: pg.Pool | pg.PoolClient, docId: string, afterSeq: number): Promise<StoredUpdate[]> {
    const { rows } = await db.query<{ seq: string; data: Buffer }>(
      `SELECT seq, data FROM ${this.s}.updates WHERE doc_id = $1 AND seq > $2 ORDER BY seq`,
      [docId, afterSeq],
    )
    return rows.map((row) => ({ seq: Number(row.seq), data: toBytes(row.data) }))
  }

  /** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query(begin)
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }
}

function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    name: row.name,
    // A template this server does not know (written by a newer one) starts blank here.
    template: isBoardTemplate(row.template) ? row.template : 'blank',
    createdAt: row.created_at.toISOString(),
    generations: { facilitator: row.gen_facilitator, participant: row.gen_participant, viewer: row.gen_viewer },
  }
}

/** pg hands out Buffers; callers get plain Uint8Arrays (Yjs compares types). */
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
