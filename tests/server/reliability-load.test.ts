/**
 * Load: many official y-websocket clients across many boards writing notes at once on the
 * real server process. No error (no close, no server error log), every client converges
 * on its board, and the figures (updates/s, relay latency, memory) are printed.
 *
 * Default: 20 clients on 5 boards for 3 s, each writing every 250–750 ms. Documented runs:
 *   LOAD_CLIENTS=200 LOAD_BOARDS=20 LOAD_SECONDS=60 npx vitest run --project unit tests/server/reliability-load.test.ts
 *   (the same with LOAD_WRITE_EVERY_MS=2000: one note per person every 1–3 s)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createBoard } from '../reliability-support/boards'
import { spawnChildServer } from '../reliability-support/childServer'
import { countFromEnv, seededRandom } from '../reliability-support/seededRandom'
import { connectYClient, sleep, until, within, type YClient } from '../reliability-support/yClient'

const CLIENTS = countFromEnv('LOAD_CLIENTS', 20)
const BOARDS = countFromEnv('LOAD_BOARDS', 5)
const SECONDS = countFromEnv('LOAD_SECONDS', 3)
/** Mean pause between one client's writes: a busy workshop participant, not a bot. */
const WRITE_EVERY_MS = countFromEnv('LOAD_WRITE_EVERY_MS', 500)

interface Writer {
  client: YClient
  board: string
  written: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
}

describe('load', () => {
  it(`${CLIENTS} clients on ${BOARDS} boards writing for ${SECONDS} s converge without error`, { timeout: 120_000 + SECONDS * 3000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-load-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await spawnChildServer({ dataDir })
    onTestFinished(() => void server.stop('SIGKILL'))
    const created = await Promise.all(Array.from({ length: BOARDS }, () => createBoard(server.url)))
    const boards = created.map((b) => b.id)
    const tokenOf = (board: string) => created.find((b) => b.id === board)!.tokens.participant
    const random = seededRandom(42)
    /** [ms after the writes started when the note was sent, relay latency ms] */
    const latencies: Array<[number, number]> = []
    let started = 0

    const writers: Writer[] = boards.flatMap((board, b) =>
      Array.from({ length: Math.ceil(CLIENTS / BOARDS) }, (_, i) => b * Math.ceil(CLIENTS / BOARDS) + i)
        .filter((n) => n < CLIENTS)
        .map(() => ({ client: connectYClient(server.wsUrl, board, { params: { token: tokenOf(board) } }), board, written: 0 })),
    )
    onTestFinished(() => writers.forEach((w) => w.client.destroy()))
    // Relay latency: each note carries its send time; every other client on the board measures arrival.
    for (const { client } of writers) {
      client.doc.getMap('notes').observe((event) => {
        if (event.transaction.local) return
        const now = Date.now()
        for (const key of event.keysChanged) {
          const note = client.doc.getMap('notes').get(key) as { at?: number } | undefined
          if (note?.at !== undefined) latencies.push([note.at - started, now - note.at])
        }
      })
    }
    await within(Promise.all(writers.map((w) => w.client.synced)), 60_000, 'every client to sync')
    const rssBefore = server.rssKiB()

    started = Date.now()
    const deadline = started + SECONDS * 1000
    await Promise.all(
      writers.map(async (writer, n) => {
        const own = seededRandom(random.int(0, 2 ** 31))
        await sleep(own.int(0, WRITE_EVERY_MS))
        while (Date.now() < deadline) {
          const k = writer.written++
          writer.client.doc.getMap('notes').set(`c${n}-${k}`, { text: `想法 ${k}`, at: Date.now() })
          if (k % 5 === 4) writer.client.doc.getText('minutes').insert(0, `${n}:${k} `)
          await sleep(own.int(WRITE_EVERY_MS / 2, (WRITE_EVERY_MS * 3) / 2))
        }
      }),
    )
    const writeSeconds = (Date.now() - started) / 1000
    const rssPeak = server.rssKiB()

    // Every client on a board ends with the same document, holding every note written there.
    const convergeStarted = Date.now()
    for (const board of boards) {
      const onBoard = writers.filter((w) => w.board === board)
      const total = onBoard.reduce((sum, w) => sum + w.written, 0)
      await until(
        () => onBoard.every((w) => w.client.doc.getMap('notes').size === total),
        `every client on board ${board.slice(0, 6)} to hold all ${total} notes`,
        60_000,
      )
      const reference = Y.encodeStateVector(onBoard[0]!.client.doc)
      for (const w of onBoard) {
        expect(Y.encodeStateVector(w.client.doc)).toEqual(reference)
        expect(w.client.doc.getText('minutes').toString()).toBe(onBoard[0]!.client.doc.getText('minutes').toString())
      }
    }
    const convergeMs = Date.now() - convergeStarted
    for (const { client } of writers) expect(client.closeCodes).toEqual([])
    expect(server.logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([])

    const writes = writers.reduce((sum, w) => sum + w.written, 0)
    // The first seconds carry the connection storm (sync and awareness of every client)
    // and a cold JIT: steady state is reported apart.
    const warmUpMs = Math.min(10_000, (SECONDS * 1000) / 3)
    const all = latencies.map(([, ms]) => ms).sort((a, b) => a - b)
    const steady = latencies.filter(([at]) => at >= warmUpMs).map(([, ms]) => ms).sort((a, b) => a - b)
    const summary = (sorted: number[]) => ({ p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) })
    const figures = {
      clients: writers.length,
      boards: BOARDS,
      seconds: Math.round(writeSeconds * 10) / 10,
      writes,
      writesPerSecond: Math.round(writes / writeSeconds),
      relaysMeasured: latencies.length,
      latencyMs: summary(all),
      [`latencyMsAfter${Math.round(warmUpMs / 1000)}s`]: summary(steady),
      convergedAfterMs: convergeMs,
      rssMiB: { before: Math.round(rssBefore / 102.4) / 10, end: Math.round(rssPeak / 102.4) / 10 },
    }
    console.log(`[load] ${JSON.stringify(figures)}`)
    expect(writes).toBeGreaterThan(writers.length)
    expect(await server.stop('SIGTERM')).toBe(0)
  })
})
