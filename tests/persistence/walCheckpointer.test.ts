import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import { WalCheckpointer } from '../../server/persistence/walCheckpointer'
import { waitFor } from '../support/waitFor'

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'civic-canvas-checkpointer-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

describe('WalCheckpointer', () => {
  it('copies committed WAL frames into the database file from its own thread', async () => {
    const file = join(tempDir(), 'boards.sqlite')
    const db = new Database(file)
    onTestFinished(() => {
      db.close()
    })
    db.pragma('journal_mode = WAL')
    db.pragma('wal_autocheckpoint = 0')
    db.exec('CREATE TABLE updates (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)')
    const insert = db.prepare('INSERT INTO updates (data) VALUES (?)')
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(2000, i))
    const fileBefore = statSync(file).size
    const failures: string[] = []
    const walFrames: number[] = []

    const checkpointer = new WalCheckpointer(file, {
      intervalMs: 20,
      onFailure: (message) => failures.push(message),
      onWalFrames: (frames) => walFrames.push(frames),
    })
    await waitFor('a checkpoint', () => checkpointer.framesCheckpointed > 0)
    await checkpointer.close()

    // 200 rows of 2 kB now live in the file itself, not only in the WAL.
    expect(statSync(file).size).toBeGreaterThan(fileBefore + 200 * 2000)
    expect(failures).toEqual([])
    // Each row took at least one 4 KiB page of the WAL.
    expect(walFrames[0]).toBeGreaterThanOrEqual(200)
    // The writer's connection still works and sees every row.
    insert.run(Buffer.alloc(10))
    expect(db.prepare('SELECT COUNT(*) AS n FROM updates').get()).toEqual({ n: 201 })
  })

  it('reports a checkpointer that cannot open the database, and still closes', async () => {
    const file = join(tempDir(), 'missing-directory', 'boards.sqlite')
    const failures: string[] = []
    const checkpointer = new WalCheckpointer(file, { intervalMs: 20, onFailure: (message) => failures.push(message) })
    await waitFor('the failure report', () => failures.length > 0)
    expect(failures[0]).toMatch(/directory|open/i)
    await expect(checkpointer.close()).resolves.toBeUndefined()
  })
})
