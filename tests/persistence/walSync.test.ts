import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { WalSync } from '../../server/persistence/walSync'

function walFileInTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'civic-canvas-walsync-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'boards.sqlite-wal')
}

/** Calls sync and records, in order, which callers were answered and how. */
function recorder(wal: WalSync) {
  const answered: Array<{ caller: number; error: Error | null }> = []
  return {
    answered,
    call(caller: number) {
      wal.sync((error) => answered.push({ caller, error }))
    },
  }
}

describe('WalSync', () => {
  it('answers at once while no WAL file exists (nothing was written through one)', () => {
    const wal = new WalSync(walFileInTempDir())
    const calls = recorder(wal)
    calls.call(1)
    expect(calls.answered).toEqual([{ caller: 1, error: null }])
  })

  it('answers every caller after an fsync, callers during a running fsync together in the next one', async () => {
    const file = walFileInTempDir()
    writeFileSync(file, 'frames')
    const wal = new WalSync(file)
    const calls = recorder(wal)
    calls.call(1)
    // The first fsync is on the thread pool now: these three wait for the next round.
    calls.call(2)
    calls.call(3)
    calls.call(4)
    expect(calls.answered).toEqual([])
    await wal.synced()
    expect(calls.answered.map((a) => a.caller)).toEqual([1, 2, 3, 4])
    expect(calls.answered.every((a) => a.error === null)).toBe(true)
    wal.close()
  })

  it('with a gathering time, waits that long and takes every caller of the meantime into one round', async () => {
    const file = walFileInTempDir()
    writeFileSync(file, 'frames')
    const wal = new WalSync(file, 40)
    const calls = recorder(wal)
    const started = performance.now()
    calls.call(1)
    await new Promise((resolve) => setTimeout(resolve, 10))
    calls.call(2)
    expect(calls.answered).toEqual([])
    await new Promise<void>((resolve) => wal.sync(() => resolve()))
    expect(performance.now() - started).toBeGreaterThanOrEqual(39)
    expect(calls.answered.map((a) => a.caller)).toEqual([1, 2])
    wal.close()
  })

  it('follows a WAL file that was deleted and created again', async () => {
    const file = walFileInTempDir()
    writeFileSync(file, 'first')
    const wal = new WalSync(file)
    await wal.synced()
    rmSync(file)
    await expect(wal.synced()).resolves.toBeUndefined()
    writeFileSync(file, 'second')
    appendFileSync(file, ' life')
    await expect(wal.synced()).resolves.toBeUndefined()
    wal.close()
  })

  it('on close answers the waiting callers at once and refuses later ones', async () => {
    const file = walFileInTempDir()
    writeFileSync(file, 'frames')
    const wal = new WalSync(file)
    const calls = recorder(wal)
    calls.call(1) // running on the thread pool
    calls.call(2) // waiting for the next round
    wal.close()
    expect(calls.answered).toEqual([{ caller: 2, error: null }])
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(calls.answered.map((a) => a.caller).sort()).toEqual([1, 2])
    await expect(wal.synced()).rejects.toThrow(/closed/)
  })
})
