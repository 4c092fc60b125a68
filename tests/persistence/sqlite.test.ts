import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Durability } from '../../server/persistence/adapter'
import { SqlitePersistence, sqliteFileIn } from '../../server/persistence/sqlite'
import { runPersistenceContract, type ContractBackend } from './contract'

// Both durabilities keep the whole contract (sqliteDurability.test.ts: when each resolves).
runPersistenceContract('sqlite', () => sqliteBackend('background'))
runPersistenceContract('sqlite, DURABILITY=before-relay', () => sqliteBackend('before-relay'))

function sqliteBackend(durability: Durability): ContractBackend {
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
      const adapter = new SqlitePersistence(file, { durability })
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
    async injectAppendFailure(docId) {
      const db = new Database(file)
      db.prepare(
        `CREATE TRIGGER fail_append BEFORE INSERT ON updates WHEN NEW.board_id = '${docId.replaceAll("'", "''")}'
         BEGIN SELECT RAISE(ABORT, 'injected append failure'); END`,
      ).run()
      return async () => {
        db.exec('DROP TRIGGER fail_append')
        db.close()
      }
    },
  }
}

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
    // Converted once (VACUUM), so compaction can give pages back.
    expect(check.pragma('auto_vacuum', { simple: true })).toBe(2)
  })
})

describe('sqlite file size', () => {
  it('gives the pages of a compacted log back to the file system', async () => {
    const root = mkdtempSync(join(tmpdir(), 'civic-canvas-sqlite-size-'))
    const file = sqliteFileIn(root)
    const adapter = new SqlitePersistence(file)
    onTestFinished(async () => {
      await adapter.close()
      rmSync(root, { recursive: true, force: true })
    })
    const reader = new Database(file, { readonly: true })
    onTestFinished(() => {
      reader.close()
    })
    const pages = () => ({
      used: reader.pragma('page_count', { simple: true }) as number,
      free: reader.pragma('freelist_count', { simple: true }) as number,
    })
    const update = new Uint8Array(300).fill(7)
    const seqs = await Promise.all(Array.from({ length: 2000 }, () => adapter.appendUpdate('size-board-00000001', update)))
    const grown = pages()
    expect(grown.used).toBeGreaterThan(150)
    const grownBytes = statSync(file).size + statSync(`${file}-wal`).size
    await adapter.compact('size-board-00000001', new Uint8Array(2000).fill(1), seqs.at(-1)!)
    const compacted = pages()
    expect(compacted.free).toBe(0)
    expect(compacted.used).toBeLessThan(grown.used / 10)
    // On disk now, not only once the process exits: the file shrank and the WAL is empty.
    expect(statSync(`${file}-wal`).size).toBe(0)
    expect(statSync(file).size).toBeLessThan(grownBytes / 10)
    expect((await adapter.load('size-board-00000001')).snapshot).toEqual(new Uint8Array(2000).fill(1))
  })
})

describe('sqlite group commit', () => {
  function fresh(): { adapter: SqlitePersistence; file: string } {
    const root = mkdtempSync(join(tmpdir(), 'civic-canvas-sqlite-group-'))
    const file = sqliteFileIn(root)
    const adapter = new SqlitePersistence(file)
    onTestFinished(async () => {
      await adapter.close()
      rmSync(root, { recursive: true, force: true })
    })
    return { adapter, file }
  }

  it('commits the appends made together, across documents, in one transaction right after the code that made them', async () => {
    const { adapter, file } = fresh()
    const reader = new Database(file, { readonly: true })
    onTestFinished(() => {
      reader.close()
    })
    const count = () => (reader.prepare('SELECT COUNT(*) AS n FROM updates').get() as { n: number }).n
    // A callback already waiting when the appends are made (the rest of a backlog of messages).
    let waitingCallbackRan = false
    setImmediate(() => (waitingCallbackRan = true))
    const seqs = Promise.all(Array.from({ length: 40 }, (_, i) => adapter.appendUpdate(`group-doc-${i % 4}-000000`, Uint8Array.of(i))))
    // Deferred: nothing is written while the code that appends runs.
    expect(count()).toBe(0)
    // ...but committed before that callback runs: the appends are not held back by it.
    expect(await seqs).toEqual(Array.from({ length: 40 }, (_, i) => Math.floor(i / 4) + 1))
    expect(waitingCallbackRan).toBe(false)
    expect(count()).toBe(40)
  })

  it('fails every append of the tick together when the transaction fails, and stores none', async () => {
    const { adapter, file } = fresh()
    await adapter.appendUpdate('group-doc-a-0000000', Uint8Array.of(1))
    const admin = new Database(file)
    onTestFinished(() => {
      admin.close()
    })
    admin.exec(`CREATE TRIGGER fail_b BEFORE INSERT ON updates WHEN NEW.board_id = 'group-doc-b-0000000'
                BEGIN SELECT RAISE(ABORT, 'injected append failure'); END`)
    const a = adapter.appendUpdate('group-doc-a-0000000', Uint8Array.of(2))
    const b = adapter.appendUpdate('group-doc-b-0000000', Uint8Array.of(2))
    await expect(a).rejects.toThrow(/injected append failure/)
    await expect(b).rejects.toThrow(/injected append failure/)
    expect((await adapter.load('group-doc-a-0000000')).updates.map((u) => u.seq)).toEqual([1])
    admin.exec('DROP TRIGGER fail_b')
    expect(await adapter.appendUpdate('group-doc-a-0000000', Uint8Array.of(3))).toBe(2)
  })

  it('commits what is queued before closing, and refuses appends once closed', async () => {
    const { adapter, file } = fresh()
    const pending = adapter.appendUpdate('group-doc-c-0000000', Uint8Array.of(9))
    await adapter.close()
    expect(await pending).toBe(1)
    await expect(adapter.appendUpdate('group-doc-c-0000000', Uint8Array.of(9))).rejects.toThrow(/closed/)
    const reopened = new SqlitePersistence(file)
    onTestFinished(() => reopened.close())
    expect((await reopened.load('group-doc-c-0000000')).updates.map((u) => Array.from(u.data))).toEqual([[9]])
  })
})
