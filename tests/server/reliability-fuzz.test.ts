/**
 * Fuzz: generated websocket frames (fast-check, seeded) against a running server while
 * people work on the same board and on another board. The server stays up, they are not
 * disturbed, every offending socket is closed with its documented code, and the stored
 * board holds exactly what the people wrote.
 *
 * Default: 10,000 frames. Documented run: FUZZ_FRAMES=20000 (docs/reliability.md); replay: FUZZ_SEED=<seed>.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { SqlitePersistence, sqliteFileIn } from '../../server/persistence/sqlite'
import { boardSocketUrl, createBoard } from '../reliability-support/boards'
import { BAD_FRAME_CODES, generateFuzzFrames, type FuzzFrame } from '../reliability-support/fuzzFrames'
import { faultyPersistence } from '../reliability-support/faultyPersistence'
import { startInProcessServer } from '../reliability-support/inProcessServer'
import { countFromEnv, seedFromEnv } from '../reliability-support/seededRandom'
import { updatesMissingFrom } from '../reliability-support/updateInclusion'
import { connectYClient, until, within, type YClient } from '../reliability-support/yClient'

// Since the server validates updates with an allocation-free scan, 10,000 frames take ~7 s here: the minimum runs every time.
const FRAMES = countFromEnv('FUZZ_FRAMES', 10_000)
const SEED = seedFromEnv('FUZZ_SEED', 7)
const MAX_PAYLOAD = 4096
const PARALLEL = 8
const QUERY_AWARENESS = new Uint8Array([3])

/** What happened to one frame: the server's close code, or 'open' when it kept the socket. */
type Outcome = number | 'open'

/**
 * Sends frames on one socket until one closes it. After each frame a query-awareness
 * probe follows: the room answers messages in order, so its answer means the frame was
 * taken and the socket stays for the next frame. Nobody on the board has awareness state,
 * so nothing else ever sends this socket an awareness message.
 */
function openProber(url: string): Promise<{ send(frame: FuzzFrame): Promise<Outcome>; close(): void }> {
  const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 })
  let waiter: ((outcome: Outcome) => void) | null = null
  let closedWith: number | null = null
  ws.on('message', (data: Buffer) => {
    if (data[0] === 1 && waiter) waiter('open')
  })
  ws.on('close', (code) => {
    closedWith = code
    waiter?.(code)
  })
  ws.on('error', () => {})
  return new Promise((resolve, reject) => {
    ws.once('error', reject)
    ws.once('open', () =>
      resolve({
        send(frame) {
          return new Promise<Outcome>((done) => {
            if (closedWith !== null) return done(closedWith)
            waiter = (outcome) => {
              waiter = null
              done(outcome)
            }
            ws.send(frame.data, { binary: typeof frame.data !== 'string' })
            ws.send(QUERY_AWARENESS)
          })
        },
        close: () => ws.terminate(),
      }),
    )
  })
}

describe('fuzzing the websocket endpoint', () => {
  it(`survives ${FRAMES} generated frames (seed ${SEED})`, { timeout: 60_000 + FRAMES * 10 }, async () => {
    const started = Date.now()
    const frames = generateFuzzFrames(FRAMES, SEED, MAX_PAYLOAD)
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-fuzz-'))
    const storage = faultyPersistence(new SqlitePersistence(sqliteFileIn(dataDir)))
    const server = await startInProcessServer({ dataDir, persistence: storage.adapter, maxPayloadBytes: MAX_PAYLOAD })
    const boards = [await createBoard(server.url), await createBoard(server.url)]
    const token = (id: string) => boards.find((b) => b.id === id)!.tokens.participant
    const [fuzzed, other] = boards.map((b) => b.id) as [string, string]
    const people: YClient[] = []
    const person = (board: string) => {
      const client = connectYClient(server.wsUrl, board, { params: { token: token(board) } })
      client.provider.awareness.setLocalState(null)
      people.push(client)
      return client
    }
    const [alice, bob, carol, dave] = [person(fuzzed), person(fuzzed), person(other), person(other)] as [YClient, YClient, YClient, YClient]
    try {
      await within(Promise.all(people.map((p) => p.synced)), 5000, 'everyone to sync')
      alice.doc.getMap('notes').set('persona', { name: '林小姐', age: 67 })
      bob.doc.getText('minutes').insert(0, 'Define: 痛點')
      await until(() => bob.doc.getMap('notes').has('persona') && alice.doc.getText('minutes').length > 0, 'the first notes to sync')

      // The fuzz, with people writing on both boards meanwhile.
      const outcomes = new Map<string, Map<string, number>>()
      const wrong: string[] = []
      let next = 0
      let sockets = 0
      let writes = 0
      const writing = setInterval(() => {
        writes++
        alice.doc.getMap('notes').set(`alice-${writes}`, { text: `idea ${writes}` })
        bob.doc.getMap('notes').set(`bob-${writes}`, { text: `想法 ${writes}` })
        carol.doc.getMap('notes').set(`carol-${writes}`, writes)
      }, 50)
      const worker = async () => {
        let prober: Awaited<ReturnType<typeof openProber>> | null = null
        while (next < frames.length) {
          const frame = frames[next++]!
          if (!prober) {
            prober = await openProber(boardSocketUrl(server.wsUrl, fuzzed, token(fuzzed)))
            sockets++
          }
          const outcome = await prober.send(frame)
          const tally = outcomes.get(frame.family) ?? new Map<string, number>()
          tally.set(String(outcome), (tally.get(String(outcome)) ?? 0) + 1)
          outcomes.set(frame.family, tally)
          if (outcome !== 'open') prober = null
          const allowed = frame.expected === null ? [...BAD_FRAME_CODES, 'open'] : [frame.expected]
          if (!allowed.includes(outcome) && wrong.length < 20) {
            wrong.push(`${frame.family}: expected ${allowed.join('|')}, got ${outcome} for ${describeFrame(frame)}`)
          }
        }
        prober?.close()
      }
      await Promise.all(Array.from({ length: PARALLEL }, worker))
      clearInterval(writing)

      expect(wrong).toEqual([])
      // Nobody working was disturbed: no connection of theirs closed, and they converge.
      for (const person of people) expect(person.closeCodes).toEqual([])
      await until(
        () =>
          alice.doc.getMap('notes').size === bob.doc.getMap('notes').size &&
          dave.doc.getMap('notes').size === carol.doc.getMap('notes').size &&
          carol.doc.getMap('notes').size === writes,
        'everyone to converge after the fuzz',
      )
      expect(alice.doc.getMap('notes').toJSON()).toEqual(bob.doc.getMap('notes').toJSON())
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

      // The stored board is exactly what alice and bob wrote: nothing the fuzz sent got in.
      const legit = Y.encodeStateAsUpdate(alice.doc)
      let atSynced: Uint8Array | null = null
      const fresh = connectYClient(server.wsUrl, fuzzed, {
        onSynced: (doc) => (atSynced = Y.encodeStateAsUpdate(doc)),
        params: { token: token(fuzzed) },
      })
      people.push(fresh)
      await within(fresh.synced, 5000, 'a fresh client to sync')
      expect(updatesMissingFrom(atSynced!, [legit]), 'legit writes missing from what the server serves').toEqual([])
      expect(updatesMissingFrom(legit, [atSynced!]), 'what the server serves holds more than the legit writes').toEqual([])
      const stored = await storage.adapter.load(fuzzed)
      const storedState = Y.mergeUpdates([stored.snapshot, ...stored.updates.map((u) => u.data)].filter((p): p is Uint8Array => p !== null))
      expect(updatesMissingFrom(legit, [storedState]), 'storage holds more than the legit writes').toEqual([])
      expect(updatesMissingFrom(storedState, [legit]), 'storage lacks legit writes').toEqual([])

      const summary = {
        seed: SEED,
        frames: frames.length,
        sockets,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        outcomes: Object.fromEntries([...outcomes].map(([family, tally]) => [family, Object.fromEntries(tally)])),
        legitWritesDuringFuzz: writes * 3,
        unexpected: wrong.length,
      }
      console.log(`[fuzz] ${JSON.stringify(summary)}`)
    } finally {
      for (const person of people) person.destroy()
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

function describeFrame(frame: FuzzFrame): string {
  if (typeof frame.data === 'string') return `text ${JSON.stringify(frame.data.slice(0, 20))}`
  return `${frame.data.length} bytes ${Buffer.from(frame.data.slice(0, 24)).toString('hex')}`
}
