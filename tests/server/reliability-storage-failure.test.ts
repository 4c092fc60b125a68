/**
 * Disk full / storage error: what the server could not store it must not relay; the
 * board's clients are closed with 4501 and reconnect on their own; what was stored before
 * is intact (checked by reopening the SQLite file), and once storage works again the
 * writes the clients kept merge in.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import type { PersistenceAdapter } from '../../server/persistence/adapter'
import { SqlitePersistence, sqliteFileIn } from '../../server/persistence/sqlite'
import { createBoard } from '../reliability-support/boards'
import { faultyPersistence } from '../reliability-support/faultyPersistence'
import { startInProcessServer } from '../reliability-support/inProcessServer'
import { connectYClient, sleep, until, within } from '../reliability-support/yClient'

/** How a test breaks storage and mends it again. */
interface Fault {
  name: string
  /** Builds the backend on `dataDir`; returns it with the switch. */
  setUp(dataDir: string): { adapter: PersistenceAdapter; break(): void; mend(): void }
}

const faults: Fault[] = [
  {
    // A real SQLITE_FULL from SQLite itself: the database may not grow past its current size.
    name: 'SQLite reports the disk full (max_page_count reached)',
    setUp(dataDir) {
      const sqlite = new SqlitePersistence(sqliteFileIn(dataDir))
      const db = (sqlite as unknown as { db?: Database.Database }).db
      if (!db) throw new Error('SqlitePersistence no longer keeps its connection in `db`; update this test to reach it.')
      return {
        adapter: sqlite,
        break: () => {
          db.pragma('wal_checkpoint(TRUNCATE)')
          const pages = db.pragma('page_count', { simple: true }) as number
          db.pragma(`max_page_count = ${pages}`)
        },
        mend: () => void db.pragma('max_page_count = 1073741823'),
      }
    },
  },
  {
    // An async backend whose writes reject (PostgreSQL gone, volume full).
    name: 'an async backend rejects every write',
    setUp(dataDir) {
      const faulty = faultyPersistence(new SqlitePersistence(sqliteFileIn(dataDir)))
      return {
        adapter: faulty.adapter,
        break: () => void (faulty.failWrites = true),
        mend: () => void (faulty.failWrites = false),
      }
    },
  },
]

const notesOf = (doc: Y.Doc) => doc.getMap('notes').toJSON() as Record<string, unknown>

describe.each(faults)('storage failure: $name', (fault) => {
  it('relays nothing unstored, closes with 4501, reconnects, keeps stored data and merges later writes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-storage-fault-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    const storage = fault.setUp(dataDir)
    const server = await startInProcessServer({ dataDir, persistence: storage.adapter })
    const created = await createBoard(server.url)
    const board = created.id
    const params = { token: created.tokens.participant }
    const alice = connectYClient(server.wsUrl, board, { maxBackoffTime: 200, params })
    const bob = connectYClient(server.wsUrl, board, { maxBackoffTime: 200, params })
    await within(Promise.all([alice.synced, bob.synced]), 5000, 'both to sync')

    // A morning of work, stored and seen by both.
    for (let i = 0; i < 30; i++) alice.doc.getMap('notes').set(`stored-${i}`, { text: `人物誌 ${i}` })
    await until(() => Object.keys(notesOf(bob.doc)).length === 30, 'bob to see the stored notes')
    const storedBefore = notesOf(bob.doc)

    storage.break()
    // Big enough that it needs new pages.
    alice.doc.getMap('notes').set('unstored', { text: '旅程地圖 '.repeat(20_000) })
    await until(() => alice.closeCodes.includes(CloseCode.storageFailed), 'alice to be told storage failed (4501)')
    await until(() => bob.closeCodes.includes(CloseCode.storageFailed), 'bob to be told too')
    expect(notesOf(bob.doc)).not.toHaveProperty('unstored')
    const failure = server.logs.find((l) => l.msg.startsWith('storing an update failed'))
    expect(String(failure?.fields?.error)).toMatch(/disk is full|no space left/i)

    // While storage is down the clients keep reconnecting; alice's note keeps failing to
    // store and never reaches bob. (A small write may still fit a page SQLite has free: if
    // bob's note reaches alice, it was stored, which the reopened file below confirms.)
    bob.doc.getMap('notes').set('bob-offline', { text: 'written while storage was down' })
    await sleep(600)
    expect(notesOf(bob.doc)).not.toHaveProperty('unstored')
    expect(alice.closeCodes.filter((c) => c === CloseCode.storageFailed).length).toBeGreaterThanOrEqual(1)
    for (const code of [...alice.closeCodes, ...bob.closeCodes]) expect([CloseCode.storageFailed, CloseCode.serviceRestart]).toContain(code)

    storage.mend()
    await until(
      () => 'unstored' in notesOf(bob.doc) && 'bob-offline' in notesOf(alice.doc),
      'both sides to merge once storage works again',
      15_000,
    )
    expect(notesOf(alice.doc)).toEqual(notesOf(bob.doc))
    const final = notesOf(alice.doc)
    alice.destroy()
    bob.destroy()
    await server.close()

    // Reopen the file: everything stored before the fault is there, unchanged, plus the merged writes.
    const reopened = new SqlitePersistence(sqliteFileIn(dataDir))
    const stored = await reopened.load(board)
    await reopened.close()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.mergeUpdates([stored.snapshot, ...stored.updates.map((u) => u.data)].filter((p): p is Uint8Array => p !== null)))
    const notes = notesOf(doc)
    for (const [key, value] of Object.entries(storedBefore)) expect(notes[key], key).toEqual(value)
    expect(notes).toEqual(final)
    const check = new Database(sqliteFileIn(dataDir), { readonly: true })
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    check.close()
  })
})
