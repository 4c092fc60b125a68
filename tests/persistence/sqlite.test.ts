import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import { SqlitePersistence, sqliteFileIn } from '../../server/persistence/sqlite'
import { runPersistenceContract } from './contract'

runPersistenceContract('sqlite', () => {
  // A data dir that does not exist yet: the adapter must create it.
  const root = mkdtempSync(join(tmpdir(), 'civic-canvas-sqlite-'))
  const file = sqliteFileIn(join(root, 'nested', 'data'))
  const opened: SqlitePersistence[] = []
  onTestFinished(async () => {
    for (const adapter of opened) await adapter.close()
    rmSync(root, { recursive: true, force: true })
  })
  return {
    async open() {
      const adapter = new SqlitePersistence(file)
      opened.push(adapter)
      return adapter
    },
    async injectCompactionFailure() {
      // A trigger, created from a second connection, that aborts the deletion of compacted
      // updates: it fires after the snapshot row was written, inside the same transaction.
      const db = new Database(file)
      db.exec(`CREATE TRIGGER fail_compaction BEFORE DELETE ON updates
               BEGIN SELECT RAISE(ABORT, 'injected compaction failure'); END`)
      return async () => {
        db.exec('DROP TRIGGER fail_compaction')
        db.close()
      }
    },
  }
})

describe('sqlite schema upgrade', () => {
  it('opens a schema-1 file, keeps its documents and adds boards and votes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'civic-canvas-sqlite-v1-'))
    onTestFinished(() => rmSync(root, { recursive: true, force: true }))
    const file = sqliteFileIn(root)
    const old = new Database(file)
    old.exec(`CREATE TABLE boards (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0) STRICT;
      CREATE TABLE snapshots (board_id TEXT PRIMARY KEY REFERENCES boards(id), through_seq INTEGER NOT NULL, data BLOB NOT NULL) STRICT;
      CREATE TABLE updates (board_id TEXT NOT NULL REFERENCES boards(id), seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) STRICT, WITHOUT ROWID;
      INSERT INTO boards VALUES ('old-board-000000001', '2025-01-01T00:00:00Z', 1);
      INSERT INTO updates VALUES ('old-board-000000001', 1, x'0102');
      PRAGMA user_version = 1;`)
    old.close()
    const adapter = new SqlitePersistence(file)
    onTestFinished(() => adapter.close())
    expect((await adapter.load('old-board-000000001')).updates.map((u) => Array.from(u.data))).toEqual([[1, 2]])
    expect(await adapter.appendUpdate('old-board-000000001', Uint8Array.of(3))).toBe(2)
    await adapter.createBoard({ id: 'new-board-00000001', name: 'n', template: 'blank' })
    expect(await adapter.addVoteDot('new-board-00000001', 'v', { id: 'd', userId: 'u', noteId: 'n' }, 1)).toBe(true)
    const check = new Database(file, { readonly: true })
    onTestFinished(() => {
      check.close()
    })
    expect(check.pragma('user_version', { simple: true })).toBe(2)
  })
})
