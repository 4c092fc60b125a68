import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { PostgresPersistence } from '../../server/persistence/postgres'
import { runPersistenceContract } from './contract'

/** The PostgreSQL this machine and CI run (trust auth); each test gets its own schema. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

runPersistenceContract('postgres', () => {
  const schema = `cc_test_${randomBytes(6).toString('hex')}`
  const opened: PostgresPersistence[] = []
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  const adminReady = admin.connect()
  onTestFinished(async () => {
    for (const adapter of opened) await adapter.close()
    await adminReady
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
  })
  return {
    async open() {
      const adapter = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 2 })
      opened.push(adapter)
      return adapter
    },
    async injectCompactionFailure() {
      // A trigger that aborts the deletion of compacted updates: it fires after the snapshot
      // row was written, inside the compaction's transaction.
      await adminReady
      await admin.query(`CREATE FUNCTION "${schema}".fail_compaction() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'injected compaction failure'; END $$`)
      await admin.query(`CREATE TRIGGER fail_compaction BEFORE DELETE ON "${schema}".updates
        FOR EACH ROW EXECUTE FUNCTION "${schema}".fail_compaction()`)
      return async () => {
        await admin.query(`DROP TRIGGER fail_compaction ON "${schema}".updates`)
      }
    },
    async injectAppendFailure(docId) {
      await adminReady
      await admin.query(`CREATE FUNCTION "${schema}".fail_append() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'injected append failure'; END $$`)
      await admin.query(
        `CREATE TRIGGER fail_append BEFORE INSERT ON "${schema}".updates
         FOR EACH ROW WHEN (NEW.doc_id = ${pg.escapeLiteral(docId)}) EXECUTE FUNCTION "${schema}".fail_append()`,
      )
      return async () => {
        await admin.query(`DROP TRIGGER fail_append ON "${schema}".updates`)
        await admin.query(`DROP FUNCTION "${schema}".fail_append()`)
      }
    },
  }
})

describe('postgres across instances', () => {
  it('hands out gap-free, distinct seqs to two adapters appending to one board at once', async () => {
    const schema = `cc_test_${randomBytes(6).toString('hex')}`
    const a = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 4 })
    const b = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 4 })
    onTestFinished(async () => {
      await a.close()
      await b.close()
      const admin = new pg.Client({ connectionString: DATABASE_URL })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.end()
    })
    const board = 'shared-board-000001'
    const seqs = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).appendUpdate(board, Uint8Array.of(i))),
    )
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    const stored = await b.readUpdatesAfter(board, 0)
    expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    // Each seq holds the bytes of the append that received it.
    for (const [i, seq] of seqs.entries()) expect(Array.from(stored[seq - 1]!.data)).toEqual([i])
    // Each instance's appends of one tick went as one batch: its seqs follow its call order.
    for (const mine of [seqs.filter((_, i) => i % 2 === 0), seqs.filter((_, i) => i % 2 === 1)]) {
      expect(mine).toEqual([...mine].sort((x, y) => x - y))
    }
    await expect(PostgresPersistence.open({ connectionString: DATABASE_URL, schema: 'Bad-Name' })).rejects.toThrow(
      /DATABASE_SCHEMA="Bad-Name" is invalid/,
    )
  })
})
