import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Durability } from '../../server/persistence/adapter'
import { SqlitePersistence, sqliteFileIn } from '../../server/persistence/sqlite'
import type { WalFlush } from '../../server/persistence/walSync'

/** A WAL flush that answers only when told to, so a test sees what waits for the disk. */
class HeldFlush implements WalFlush {
  readonly waiting: Array<(error: Error | null) => void> = []
  sync(done: (error: Error | null) => void): void {
    this.waiting.push(done)
  }
  synced(): Promise<void> {
    return new Promise((resolve, reject) => this.sync((error) => (error ? reject(error) : resolve())))
  }
  close(): void {
    this.finish(null)
  }
  /** Answers every caller so far. */
  finish(error: Error | null): void {
    for (const done of this.waiting.splice(0)) done(error)
  }
}

function open(durability: Durability) {
  const root = mkdtempSync(join(tmpdir(), 'civic-canvas-sqlite-fsync-'))
  const flush = new HeldFlush()
  const adapter = new SqlitePersistence(sqliteFileIn(root), { durability, walFlush: () => flush })
  onTestFinished(async () => {
    await adapter.close()
    rmSync(root, { recursive: true, force: true })
  })
  return { adapter, flush }
}

/** Whether `promise` has settled after the current tick's appends were committed (setImmediate). */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  promise.then(
    () => (settled = true),
    () => (settled = true),
  )
  await new Promise((resolve) => setTimeout(resolve, 20))
  return settled
}

const UPDATE = new Uint8Array([1, 2, 3])

describe('SQLite: when an append counts as stored', () => {
  it('background: resolves once committed, with the WAL flush started but not awaited', async () => {
    const { adapter, flush } = open('background')
    const append = adapter.appendUpdate('doc-a', UPDATE)
    expect(await settledSoon(append)).toBe(true)
    await expect(append).resolves.toBe(1)
    expect(flush.waiting).toHaveLength(1)
  })

  it('background: after a failed flush every later append is refused with the reason', async () => {
    const { adapter, flush } = open('background')
    await adapter.appendUpdate('doc-a', UPDATE)
    flush.finish(new Error('EIO: i/o error, fsync'))
    await expect(adapter.appendUpdate('doc-a', UPDATE)).rejects.toThrow(/Flushing the SQLite WAL to disk failed: EIO/)
    // The update committed before the failure is still readable.
    expect((await adapter.load('doc-a')).updates.map((u) => u.seq)).toEqual([1])
  })

  it('before-relay: resolves only once the WAL is on disk, and rejects when the flush fails', async () => {
    const { adapter, flush } = open('before-relay')
    const first = adapter.appendUpdate('doc-a', UPDATE)
    expect(await settledSoon(first)).toBe(false)
    flush.finish(null)
    await expect(first).resolves.toBe(1)

    const second = adapter.appendUpdate('doc-a', UPDATE)
    expect(await settledSoon(second)).toBe(false)
    flush.finish(new Error('EIO: i/o error, fsync'))
    await expect(second).rejects.toThrow(/EIO/)
  })

  it.each(['background', 'before-relay'] as const)('%s: a new board is answered only once it is on disk', async (durability) => {
    const { adapter, flush } = open(durability)
    const created = adapter.createBoard({ id: 'board-000000000001', name: 'Workshop', template: 'blank' })
    expect(await settledSoon(created)).toBe(false)
    flush.finish(null)
    await expect(created).resolves.toMatchObject({ id: 'board-000000000001', name: 'Workshop' })
  })
})
