/**
 * kill -9 loop: the real server as a child process on one data directory, several official
 * y-websocket writers and observers, SIGKILL at a seeded moment (at random, while a board
 * compacts, while an empty board unloads), all clients destroyed, restart, and a fresh
 * client must hold every update any client had received from the server at 'synced'.
 *
 * Default: 3 rounds (one of each kill kind). Documented run (docs/reliability.md):
 *   RELIABILITY_ROUNDS=60 npx vitest run --project unit tests/server/reliability-kill9.test.ts
 * Replay a run with RELIABILITY_SEED=<seed>.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { boardTag } from '../../server/log'
import { createBoard } from '../reliability-support/boards'
import { spawnChildServer, type ChildServer, type ServerLogLine } from '../reliability-support/childServer'
import { countFromEnv, seededRandom, seedFromEnv, type SeededRandom } from '../reliability-support/seededRandom'
import { updatesMissingFrom } from '../reliability-support/updateInclusion'
import { connectYClient, sleep, until, within, type YClient } from '../reliability-support/yClient'

const ROUNDS = countFromEnv('RELIABILITY_ROUNDS', 3)
const SEED = seedFromEnv('RELIABILITY_SEED', 20_261_126)
const COMPACT_AFTER_UPDATES = 25
const UNLOAD_DELAY_MS = 150
const WRITERS = 3
/** Ballast so a compaction takes long enough (milliseconds) for a kill to land inside it. */
const BALLAST_NOTES = 500
const BALLAST_TEXT = '服務藍圖 service blueprint '.repeat(60)

type KillKind = 'random' | 'compaction' | 'unload'
const KINDS: readonly KillKind[] = ['random', 'compaction', 'unload']

interface RoundReport {
  round: number
  kind: KillKind
  /** What was going on when the signal was sent. */
  landed: string
  /** Updates the clients received from the server this round (each client counted). */
  received: number
  writesSent: number
}

const isLine = (msg: string, board: string, extra: (l: ServerLogLine) => boolean = () => true) => (l: ServerLogLine) =>
  l.msg === msg && l.board === boardTag(board) && extra(l)

describe('kill -9 loop', () => {
  it(`loses no relayed update over ${ROUNDS} SIGKILL rounds (seed ${SEED})`, { timeout: 60_000 + ROUNDS * 15_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-kill9-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    const random = seededRandom(SEED)
    let boardA = ''
    let boardB = ''
    const tokens = new Map<string, string>()
    // COMPACT_QUIET_MS=0: compact right after the threshold, so the 'compaction' kills land inside one.
    const env = { COMPACT_AFTER_UPDATES: String(COMPACT_AFTER_UPDATES), COMPACT_QUIET_MS: '0', UNLOAD_DELAY_MS: String(UNLOAD_DELAY_MS) }
    // Everything any client received from the server, merged per round: all of it must survive.
    const seen: Record<'A' | 'B', Uint8Array[]> = { A: [], B: [] }
    const reports: RoundReport[] = []
    const compactionMs: number[] = []
    const clients = new Set<YClient>()
    onTestFinished(() => clients.forEach((c) => c.destroy()))
    const open = (server: ChildServer, board: string, onSynced?: (doc: Y.Doc) => void) => {
      const client = connectYClient(server.wsUrl, board, { onSynced, params: { token: tokens.get(board)! } })
      clients.add(client)
      return client
    }

    for (let round = 0; round <= ROUNDS; round++) {
      const server = await spawnChildServer({ dataDir, env })
      onTestFinished(() => void server.stop('SIGKILL'))
      if (round === 0) [boardA, boardB] = await twoBoardsWithDistinctTags(server, tokens)

      // A fresh client per board: at 'synced' it must hold everything ever relayed.
      let atSyncedA: Uint8Array | null = null
      let atSyncedB: Uint8Array | null = null
      const observerA = open(server, boardA, (doc) => (atSyncedA = Y.encodeStateAsUpdate(doc)))
      const observerB = open(server, boardB, (doc) => (atSyncedB = Y.encodeStateAsUpdate(doc)))
      await within(Promise.all([observerA.synced, observerB.synced]), 15_000, 'fresh clients to sync after a restart')
      expect(updatesMissingFrom(atSyncedA!, seen.A), `board A after round ${round - 1}`).toEqual([])
      expect(updatesMissingFrom(atSyncedB!, seen.B), `board B after round ${round - 1}`).toEqual([])
      if (round === ROUNDS) {
        expect(await server.stop('SIGTERM')).toBe(0)
        break
      }
      const loadedA = await server.waitForLog(isLine('board loaded', boardA))
      const kind = KINDS[round % KINDS.length]!

      const writers = Array.from({ length: WRITERS }, () => open(server, boardA))
      const writerB = open(server, boardB)
      await within(Promise.all([...writers, writerB].map((w) => w.synced)), 15_000, 'writers to sync')
      if (round === 0) {
        addBallast(writers[0]!.doc)
        addBallast(writerB.doc)
      }

      // Board B: a short session that ends, so the board unloads (and compacts) under the kill.
      let killed = false
      /** Set in 'unload' rounds once board B emptied: an idle server unloads on time, so the kill lands around it. */
      let quiet = false
      let receivedB = 0
      const sessionB = (async () => {
        const notes = writerB.doc.getMap('notes')
        const count = random.int(5, 20)
        for (let i = 0; i < count; i++) notes.set(`r${round}-b-${i}`, { text: `痛點 ${i}`, at: i })
        const last = `r${round}-b-${count - 1}`
        await until(() => killed || observerB.doc.getMap('notes').has(last), 'observer B to see the session', 10_000)
        if (killed) return Date.now()
        receivedB += collect(seen.B, [observerB, writerB])
        writerB.destroy()
        observerB.destroy()
        return Date.now()
      })()

      // Board A: writers keep writing until the kill.
      let writesSent = 0
      const writing = writers.map((writer, w) =>
        (async () => {
          const writerRandom = seededRandom(random.int(0, 2 ** 31))
          for (let k = 0; !killed && !quiet; k++) {
            writeSomething(writer.doc, writerRandom, `r${round}-w${w}-${k}`, k)
            writesSent++
            await sleep(writerRandom.int(2, 12))
          }
        })(),
      )

      // Choose the moment.
      let landed: string
      let targetCompaction = 0
      if (kind === 'random') {
        const delay = random.int(50, 1200)
        await sleep(delay)
        landed = `${delay} ms into the writes`
      } else if (kind === 'compaction') {
        // The server compacts right after relaying the update that brings its log to the
        // threshold; the kill is sent the moment the observer receives that update.
        const inLog = Number(loadedA.updates ?? 0)
        const extra = random.int(0, 2)
        targetCompaction = 1 + extra
        const crossing = Math.max(1, COMPACT_AFTER_UPDATES - inLog) + COMPACT_AFTER_UPDATES * extra
        const relayedBefore = observerA.received.length // its sync step 2
        await until(() => observerA.received.length - relayedBefore >= crossing, 'the update that triggers compaction', 15_000)
        landed = `on relayed update ${crossing} (compaction ${targetCompaction} of this run)`
      } else {
        const leftAt = await sessionB
        quiet = true
        const delay = UNLOAD_DELAY_MS + random.int(0, 80)
        await sleep(Math.max(0, leftAt + delay - Date.now()))
        landed = `${delay} ms after board B emptied`
      }
      const exit = server.stop('SIGKILL')
      killed = true
      // Destroy every client before the restart: a connected one would re-upload what the server lost.
      const receivedA = collect(seen.A, [observerA, ...writers])
      receivedB += collect(seen.B, [observerB, writerB])
      for (const client of clients) client.destroy()
      clients.clear()
      expect(await exit).toBe(null)
      await Promise.all(writing)
      await sessionB

      // The child's stdout is read to the end: a completion line missing means the kill came first.
      if (kind === 'compaction') {
        const finished = countCompactions(server, boardA, 'threshold') >= targetCompaction
        landed += finished ? ', compaction had finished' : ', compaction in flight'
      }
      if (kind === 'unload') {
        landed += countCompactions(server, boardB, 'unload') > 0 ? ', unload had finished' : ', unload not finished'
      }
      for (const line of server.logs) if (line.msg === 'board compacted') compactionMs.push(Number(line.ms))
      reports.push({ round, kind, landed, received: receivedA + receivedB, writesSent })
      expect(writesSent, 'the writers wrote this round').toBeGreaterThan(0)
    }

    const summary = {
      seed: SEED,
      rounds: reports.length,
      byKind: Object.fromEntries(KINDS.map((k) => [k, reports.filter((r) => r.kind === k).length])),
      compactionInFlight: reports.filter((r) => r.landed.includes('compaction in flight')).length,
      unloadNotFinished: reports.filter((r) => r.landed.includes('unload not finished')).length,
      compactions: compactionMs.length,
      compactionMsMedian: compactionMs.sort((a, b) => a - b)[Math.floor(compactionMs.length / 2)] ?? null,
      updatesReceived: reports.reduce((s, r) => s + r.received, 0),
      writesSent: reports.reduce((s, r) => s + r.writesSent, 0),
      updatesLost: 0,
    }
    console.log(`[kill9] ${JSON.stringify(summary)}`)
    if (process.env.RELIABILITY_VERBOSE) for (const r of reports) console.log(`[kill9] ${JSON.stringify(r)}`)
    expect(reports).toHaveLength(ROUNDS)
  })
})

/** Two boards whose log tags differ, so log lines tell them apart; keeps their facilitator tokens. */
async function twoBoardsWithDistinctTags(server: ChildServer, tokens: Map<string, string>): Promise<[string, string]> {
  const a = await createBoard(server.url)
  let b = await createBoard(server.url)
  while (boardTag(b.id) === boardTag(a.id)) b = await createBoard(server.url)
  tokens.set(a.id, a.tokens.facilitator)
  tokens.set(b.id, b.tokens.facilitator)
  return [a.id, b.id]
}

function countCompactions(server: ChildServer, board: string, reason?: string): number {
  return server.logs.filter(isLine('board compacted', board, (l) => reason === undefined || l.reason === reason)).length
}

/** Moves what these clients received into `into`, merged into one update (memory stays flat over many rounds); returns how many. */
function collect(into: Uint8Array[], from: YClient[]): number {
  const updates = from.flatMap((c) => c.received)
  if (updates.length > 0) into.push(Y.mergeUpdates(updates))
  for (const c of from) c.received.length = 0
  return updates.length
}

function addBallast(doc: Y.Doc): void {
  doc.transact(() => {
    const ballast = doc.getMap('ballast')
    for (let i = 0; i < BALLAST_NOTES; i++) ballast.set(`note-${i}`, { text: `${i} ${BALLAST_TEXT}` })
  })
}

/** One edit of a kind a workshop makes: a new note, an edited note, a removed note, shared minutes text. */
function writeSomething(doc: Y.Doc, random: SeededRandom, key: string, k: number): void {
  const notes = doc.getMap('notes')
  const roll = random.next()
  if (roll < 0.6 || k < 3) notes.set(key, { text: `想法 ${key}`, votes: random.int(0, 5) })
  else if (roll < 0.75) {
    const keys = [...notes.keys()]
    if (keys.length > 0) notes.delete(random.pick(keys))
  } else {
    const minutes = doc.getText('minutes')
    minutes.insert(random.int(0, minutes.length), `[${key}]`)
  }
}
