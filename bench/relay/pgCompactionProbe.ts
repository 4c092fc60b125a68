/**
 * Probe for the two-instance relay tail (issue 6): two PostgreSQL adapters (two instances)
 * append to one board at `rate` a second each, and each compacts the board after every
 * `compactAfter` of its own appends, as a room does (COMPACT_AFTER_UPDATES), with a snapshot
 * as big as the board has grown (~`updateBytes` per update) that compresses like one.
 * Prints the append latencies (queued → committed, what a relay waits for), the ones made
 * while a compaction ran, and how long each compaction took (a room's queue waits that
 * long). No websocket, no Yjs: this isolates what the database does, so it says something
 * even on a busy machine.
 *
 * `node --import tsx bench/relay/pgCompactionProbe.ts [seconds]` (BENCH_DATABASE_URL). PROBE_ADAPTER
 * names another copy of postgres.ts (an older version) to compare back to back.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { PostgresPersistence } from '../../server/persistence/postgres'
import { noteRecord } from '../lib/boardRecords'
import { fmt, summarize } from '../lib/stats'
import { wallClockMs } from './protocol'

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

interface Instance {
  adapter: PostgresPersistence
  appended: number
  /** Highest seq this instance saw committed (every lower one is committed too). */
  seenSeq: number
  compacting: boolean
}

async function probe(seconds: number, rate = 100, compactAfter = 500, updateBytes = 520): Promise<void> {
  const { PostgresPersistence: Adapter } = (await import(process.env.PROBE_ADAPTER ?? '../../server/persistence/postgres')) as {
    PostgresPersistence: typeof PostgresPersistence
  }
  const schema = `cc_probe_${randomBytes(5).toString('hex')}`
  const instances: Instance[] = []
  for (let i = 0; i < 2; i++) {
    instances.push({ adapter: await Adapter.open({ connectionString: DATABASE_URL, schema }), appended: 0, seenSeq: 0, compacting: false })
  }
  const board = randomBytes(12).toString('hex')
  const latencies: number[] = []
  const duringCompaction: number[] = []
  const compactMs: number[] = []
  let compactionsRunning = 0
  let failedCompactions = 0
  let total = 0
  const until = wallClockMs() + seconds * 1000
  const pending: Promise<unknown>[] = []
  await Promise.all(
    instances.map(async (instance, n) => {
      // Offset the two instances by half a period, like two client processes.
      await new Promise((r) => setTimeout(r, (n * 500) / rate))
      let next = wallClockMs()
      while (wallClockMs() < until) {
        const started = wallClockMs()
        const overlapped = compactionsRunning > 0
        total += 1
        pending.push(
          instance.adapter.appendUpdate(board, randomBytes(updateBytes)).then((seq) => {
            const ms = wallClockMs() - started
            latencies.push(ms)
            if (overlapped || compactionsRunning > 0) duringCompaction.push(ms)
            instance.seenSeq = Math.max(instance.seenSeq, seq)
          }),
        )
        instance.appended += 1
        if (instance.appended % compactAfter === 0 && !instance.compacting) {
          instance.compacting = true
          compactionsRunning += 1
          const through = instance.seenSeq
          const snapshot = boardLikeBytes(total * updateBytes)
          const t0 = wallClockMs()
          pending.push(
            instance.adapter
              .compact(board, snapshot, through)
              .catch(() => (failedCompactions += 1))
              .finally(() => {
                compactMs.push(wallClockMs() - t0)
                compactionsRunning -= 1
                instance.compacting = false
              }),
          )
        }
        next += 1000 / rate
        await new Promise((r) => setTimeout(r, Math.max(0, next - wallClockMs())))
      }
    }),
  )
  await Promise.all(pending)
  for (const instance of instances) await instance.adapter.close()
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  await admin.connect()
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await admin.end()
  const line = (name: string, values: number[]) => {
    const s = summarize(values)
    return `${name}: n=${s.count} p50 ${fmt(s.p50, 2)} ms, p99 ${fmt(s.p99, 2)} ms, max ${fmt(s.max, 2)} ms`
  }
  console.log(line('append, all', latencies))
  console.log(line('append, while a compaction ran', duringCompaction))
  console.log(line('compaction', compactMs))
  console.log(`compactions failed (range): ${failedCompactions}`)
}

/** `size` bytes that compress like a board snapshot (note records' text), not like random bytes. */
function boardLikeBytes(size: number): Uint8Array {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < size; i++) {
    const id = `shape:c${i % 20}-${i}`
    const text = JSON.stringify(noteRecord(id, (i % 40) * 220, (i % 20) * 240, `便利貼 ${i}`))
    parts.push(text)
    length += Buffer.byteLength(text)
  }
  return Buffer.from(parts.join('')).subarray(0, size)
}

const seconds = Number(process.argv[2] ?? 15)
probe(seconds).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
