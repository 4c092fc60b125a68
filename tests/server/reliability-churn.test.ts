/**
 * Churn: connect, write a note, disconnect, over and over across 20 boards on the real
 * server process. Every board is unloaded once empty, nothing written is lost, and the
 * process's memory (RSS from /proc) comes back to within 20% of its warmed-up baseline.
 *
 * Default: 200 cycles. Documented run: CHURN_CYCLES=1000 (docs/reliability.md).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { CreatedBoard } from '../../shared/access/boardApi'
import { createBoard } from '../reliability-support/boards'
import { spawnChildServer, type ChildServer } from '../reliability-support/childServer'
import { countFromEnv } from '../reliability-support/seededRandom'
import { connectYClient, sleep, until, within } from '../reliability-support/yClient'

const CYCLES = countFromEnv('CHURN_CYCLES', 200)
const BOARDS = 20
const PARALLEL = 10
// Zero: every visit that empties a board unloads it, so the next one reloads it from storage (and may race the unload).
const UNLOAD_DELAY_MS = 0

/** Boards loaded minus boards unloaded, from the server's log (each unload compacts, since every session wrote). */
function loadedBoards(server: ChildServer): number {
  const loaded = server.logs.filter((l) => l.msg === 'board loaded').length
  const unloaded = server.logs.filter((l) => l.msg === 'board compacted' && l.reason === 'unload').length
  return loaded - unloaded
}

/** One person's visit: join, check the board's notes so far, add one, leave. */
async function visit(server: ChildServer, board: CreatedBoard, note: string, expectedBefore: number): Promise<void> {
  const client = connectYClient(server.wsUrl, board.id, { params: { token: board.tokens.participant } })
  try {
    await within(client.synced, 10_000, `a visitor to sync on board ${board.id.slice(0, 6)}`)
    const notes = client.doc.getMap('notes')
    if (notes.size < expectedBefore) {
      throw new Error(`board ${board.id.slice(0, 6)} held ${notes.size} notes at sync, expected at least ${expectedBefore}`)
    }
    // The update goes out at once; the server handles it before the close that follows.
    notes.set(note, { text: `idea ${note}` })
  } finally {
    client.destroy()
  }
}

describe('connection churn', () => {
  it(`unloads empty boards and returns to baseline memory after ${CYCLES} cycles on ${BOARDS} boards`, { timeout: 60_000 + CYCLES * 200 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-churn-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await spawnChildServer({ dataDir, env: { UNLOAD_DELAY_MS: String(UNLOAD_DELAY_MS) }, inspect: true })
    onTestFinished(() => void server.stop('SIGKILL'))
    const boards: CreatedBoard[] = []
    for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(server.url))
    const written = new Map<CreatedBoard, number>(boards.map((b) => [b, 0]))

    const runCycles = async (count: number, label: string) => {
      let next = 0
      const worker = async () => {
        while (next < count) {
          const i = next++
          // Consecutive cycles go to different boards, so parallel visits rarely share one.
          const board = boards[i % BOARDS]!
          const before = written.get(board)!
          await visit(server, board, `${label}-${i}`, before)
          written.set(board, written.get(board)! + 1)
        }
      }
      await Promise.all(Array.from({ length: PARALLEL }, worker))
    }
    const settle = async () => {
      await until(() => loadedBoards(server) === 0, 'every board to unload', 20_000)
      await sleep(300)
    }

    // Warm up (JIT, SQLite caches, first loads) before taking the baseline.
    await runCycles(BOARDS * 2, 'warmup')
    await settle()
    const baseline = await server.collectGarbage()

    const started = Date.now()
    await runCycles(CYCLES, 'churn')
    const afterCyclesKiB = server.rssKiB()
    await settle()
    const settled = await server.collectGarbage()
    const seconds = (Date.now() - started) / 1000
    const loadsLogged = server.logs.filter((l) => l.msg === 'board loaded').length
    const unloadsLogged = server.logs.filter((l) => l.msg === 'board compacted' && l.reason === 'unload').length

    // Nothing lost: a last visitor per board sees every note written to it.
    for (const board of boards) {
      const check = connectYClient(server.wsUrl, board.id, { params: { token: board.tokens.viewer } })
      await within(check.synced, 10_000, 'a check client to sync')
      expect(check.doc.getMap('notes').size, `notes on board ${board.id.slice(0, 6)}`).toBe(written.get(board))
      check.destroy()
    }
    const errors = server.logs.filter((l) => l.level === 'error')
    expect(errors).toEqual([])

    const figures = {
      cycles: CYCLES,
      boards: BOARDS,
      seconds: Math.round(seconds * 10) / 10,
      rssMiB: { baseline: mib(baseline.rssKiB), afterCycles: mib(afterCyclesKiB), settled: mib(settled.rssKiB), change: change(baseline.rssKiB, settled.rssKiB) },
      heapUsedMiB: { baseline: mib(baseline.heapUsedKiB), settled: mib(settled.heapUsedKiB), change: change(baseline.heapUsedKiB, settled.heapUsedKiB) },
      loadsLogged,
      unloadsLogged,
    }
    console.log(`[churn] ${JSON.stringify(figures)}`)
    expect(settled.heapUsedKiB).toBeLessThanOrEqual(baseline.heapUsedKiB * 1.2)
    expect(settled.rssKiB).toBeLessThanOrEqual(baseline.rssKiB * 1.2)
    expect(await server.stop('SIGTERM')).toBe(0)
  })
})

function change(before: number, after: number): string {
  return `${Math.round(((after - before) / before) * 1000) / 10}%`
}

function mib(kib: number): number {
  return Math.round((kib / 1024) * 10) / 10
}
