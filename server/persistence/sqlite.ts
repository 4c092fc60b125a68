import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { CompactionRangeError, type PersistenceAdapter, type StoredBoard, type StoredUpdate } from './adapter'

const SCHEMA_VERSION = 1

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
`

/** Where the SQLite adapter keeps its file inside DATA_DIR. */
export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, 'boards.sqlite')
}

/**
 * The embedded default backend: one SQLite file in WAL mode.
 *
 * `synchronous = FULL`: in WAL mode NORMAL skips the fsync at commit, so a committed
 * update survives a crash of this process but not a power cut or kernel panic. The server
 * relays an update to other people only after appendUpdate returned, and they may act on
 * it, so "stored" must mean "on disk": FULL fsyncs the WAL at every commit. The cost is
 * one fsync per update (well under a millisecond on an SSD), blocking the event loop.
 */
export class SqlitePersistence implements PersistenceAdapter {
  private readonly db: Database.Database
  private readonly statements
  private readonly appendTransaction: (boardId: string, update: Uint8Array) => number

  /** Opens (creating if needed) `file`, and its directory. */
  constructor(readonly file: string) {
    mkdirSync(join(file, '..'), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
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
    }
    this.appendTransaction = this.db.transaction((boardId: string, update: Uint8Array): number => {
      const row = this.statements.nextSeq.get(boardId, new Date().toISOString())
      if (!row) throw new Error(`Could not allocate a seq for board ${boardId.slice(0, 8)}…`)
      this.statements.insertUpdate.run(boardId, row.last_seq, update)
      return row.last_seq
    })
  }

  async createBoard(boardId: string): Promise<void> {
    this.statements.insertBoard.run(boardId, new Date().toISOString())
  }

  async load(boardId: string): Promise<StoredBoard> {
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

  appendUpdate(boardId: string, update: Uint8Array): number {
    return this.appendTransaction(boardId, update)
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
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
  }

  async readUpdatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[]> {
    return this.readAfter(boardId, afterSeq)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }

  private readAfter(boardId: string, afterSeq: number): StoredUpdate[] {
    return this.statements.updatesAfter.all(boardId, afterSeq).map((row) => ({ seq: row.seq, data: toBytes(row.data) }))
  }
}

/** better-sqlite3 hands out Buffers; callers get plain Uint8Arrays (Yjs compares types). */
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
