import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { onTestFinished } from 'vitest'
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
