import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Durability } from '../../server/persistence/adapter'
import { PostgresPersistence } from '../../server/persistence/postgres'
import { runPersistenceContract, type ContractBackend } from './contract'

/** The PostgreSQL this machine and CI run (trust auth); each test gets its own schema. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

// Both durabilities keep the whole contract (the appends' session setting is checked below).
runPersistenceContract('postgres', () => postgresBackend('background'))
runPersistenceContract('postgres, DURABILITY=before-relay', () => postgresBackend('before-relay'))

function postgresBackend(durability: Durability): ContractBackend {
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
      const adapter = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 2, durability })
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
}

/** An adapter on a schema of its own and an admin connection to the same database; both closed and the schema dropped after the test. */
async function adapterWithAdmin(options: { poolSize: number; durability?: Durability }) {
  const schema = `cc_test_${randomBytes(6).toString('hex')}`
  const adapter = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, ...options })
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  await admin.connect()
  onTestFinished(async () => {
    await adapter.close()
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
  })
  return { adapter, admin, schema }
}

describe('postgres durability', () => {
  it.each([
    ['background', 'off'],
    ['before-relay', 'on'],
  ] as const)('%s: appends commit with synchronous_commit %s, board records with the server default', async (durability, expected) => {
    const { adapter, admin, schema } = await adapterWithAdmin({ poolSize: 2, durability })
    // A trigger records the setting of the session that inserts each row.
    await admin.query(`CREATE TABLE "${schema}".seen (tbl text, setting text)`)
    await admin.query(`CREATE FUNCTION "${schema}".note_setting() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN INSERT INTO "${schema}".seen VALUES (TG_TABLE_NAME, current_setting('synchronous_commit')); RETURN NEW; END $$`)
    for (const table of ['updates', 'boards']) {
      await admin.query(`CREATE TRIGGER note_setting BEFORE INSERT ON "${schema}".${table}
        FOR EACH ROW EXECUTE FUNCTION "${schema}".note_setting()`)
    }

    await adapter.appendUpdate('durability-doc', new Uint8Array([1, 2, 3]))
    await adapter.createBoard({ id: 'board-durability01', name: 'Workshop', template: 'blank' })

    const { rows } = await admin.query<{ tbl: string; setting: string }>(`SELECT tbl, setting FROM "${schema}".seen ORDER BY tbl`)
    expect(rows).toEqual([
      { tbl: 'boards', setting: 'on' },
      { tbl: 'updates', setting: expected },
    ])
  })
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
  it('lets appends from both instances commit while one compacts, and skips a second compaction meanwhile', async () => {
    const schema = `cc_test_${randomBytes(6).toString('hex')}`
    const a = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 4 })
    const b = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 4 })
    const admin = new pg.Client({ connectionString: DATABASE_URL })
    await admin.connect()
    onTestFinished(async () => {
      await a.close()
      await b.close()
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.end()
    })
    const board = 'shared-board-000002'
    for (let i = 1; i <= 4; i++) await a.appendUpdate(board, Uint8Array.of(i))
    // Writing the snapshot takes 600 ms (a big board on a slow disk).
    await admin.query(`CREATE FUNCTION "${schema}".slow_snapshot() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN PERFORM pg_sleep(0.6); RETURN NEW; END $$`)
    await admin.query(`CREATE TRIGGER slow_snapshot BEFORE INSERT OR UPDATE ON "${schema}".snapshots
      FOR EACH ROW EXECUTE FUNCTION "${schema}".slow_snapshot()`)
    const started = Date.now()
    let compacted = 0
    const compaction = a.compact(board, Uint8Array.of(9, 9), 4).then(() => (compacted = Date.now() - started))
    await new Promise((r) => setTimeout(r, 150))
    const seqs = await Promise.all([a.appendUpdate(board, Uint8Array.of(5)), b.appendUpdate(board, Uint8Array.of(6))])
    const appended = Date.now() - started
    // The other instance's compaction does not wait for the running one: it is skipped.
    await b.compact(board, Uint8Array.of(8), 3)
    const skipped = Date.now() - started
    await compaction
    expect(appended).toBeLessThan(compacted)
    expect(skipped).toBeLessThan(compacted)
    expect([...seqs].sort()).toEqual([5, 6])
    const loaded = await b.load(board)
    expect(loaded.snapshotSeq).toBe(4)
    expect(Array.from(loaded.snapshot!)).toEqual([9, 9])
    expect(loaded.updates.map((u) => u.seq)).toEqual([5, 6])
  })
  it('writes snapshots with lz4 where the server has it (PostgreSQL 14+), pglz elsewhere', async () => {
    const { adapter, admin, schema } = await adapterWithAdmin({ poolSize: 1 })
    const version = Number((await admin.query<{ n: string }>(`SELECT current_setting('server_version_num') AS n`)).rows[0]!.n)
    // Setting the default fails on a server built without lz4.
    const hasLz4 = version >= 140000 && (await admin.query(`SET default_toast_compression = 'lz4'`).then(() => true, () => false))
    const expected = hasLz4 ? 'l' : ''
    if (version >= 140000) {
      const { rows } = await admin.query<{ c: string }>(
        `SELECT attcompression::text AS c FROM pg_attribute WHERE attrelid = '"${schema}".snapshots'::regclass AND attname = 'data'`,
      )
      expect(rows[0]!.c).toBe(expected)
    }
    // A second instance opening the same schema changes nothing and still works.
    const second = await PostgresPersistence.open({ connectionString: DATABASE_URL, schema, poolSize: 1 })
    await second.appendUpdate('board-lz4-000001', Uint8Array.of(1))
    await second.compact('board-lz4-000001', new Uint8Array(4096).fill(7), 1)
    expect((await adapter.load('board-lz4-000001')).snapshot!.byteLength).toBe(4096)
    await second.close()
  })
})
