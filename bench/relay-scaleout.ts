/**
 * Relay benchmark across server instances (issue 6): the same offered load as the relay
 * benchmark (writers on one board, ~500-byte tldraw note records stamped with the wall
 * clock) against (1) one instance on SQLite, (2) one instance on PostgreSQL + Redis and
 * (3) two instances on PostgreSQL + Redis with the clients split between them. Each
 * delivery is tagged same- or cross-instance, so (3) reports the cross-instance latency.
 * Target: cross-instance p99 ≤ 1.5× the one-instance (SQLite) p99.
 *
 * `node --import tsx bench/relay-scaleout.ts [--quick]`, or `npm run bench -- relay-scaleout`.
 * Needs the PostgreSQL and Redis of docs/scale-out.md (BENCH_DATABASE_URL, BENCH_REDIS_URL).
 * The same file is the client process (`--clients`), forked once per instance.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import pg from 'pg'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createYRecord, getRecordsMap, type YRecord } from '../client/src/sync/recordLayout'
import { noteRecord } from './lib/boardRecords'
import { watchProcess } from './lib/procStats'
import { repeatedRunsNote, runInterleaved } from './lib/repeatedRuns'
import { spawnServer, type BoardAddress, type ServerProcess } from './lib/servers'
import { fmt, median, medianOfSummaries, ratio, summarize, type LatencySummary } from './lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from './lib/table'
import { wallClockMs } from './relay/protocol'
import { analyzeScaleoutTrace, type TracedDelivery, type TracedWrite } from './relay/scaleoutTrace'
import { updateKey } from '../server/scaleout/trace'

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'
const SELF = fileURLToPath(import.meta.url)

type Setup = 'sqlite-1' | 'sqlite-1-fsync' | 'scaleout-1' | 'scaleout-2'
const SETUP_LABELS: Record<Setup, string> = {
  'sqlite-1': '1 instance, SQLite',
  // PostgreSQL's default commit (synchronous_commit on) is flushed to disk before it returns:
  // this row gives SQLite the same promise, for a like-for-like reading of the scale-out rows.
  'sqlite-1-fsync': '1 instance, SQLite, DURABILITY=before-relay',
  'scaleout-1': '1 instance, PostgreSQL + Redis',
  'scaleout-2': '2 instances, PostgreSQL + Redis',
}

/** One offered load: `clients` writers on one board, each `ratePerSecond` notes a second. */
export interface ScaleoutLoad {
  clients: number
  ratePerSecond: number
}

export interface ScaleoutBenchOptions {
  loads?: ScaleoutLoad[]
  durationMs?: number
  warmupMs?: number
  drainMs?: number
  /**
   * Directory for per-update timing (server stages and client writes/deliveries); when set,
   * each two-instance run also prints where its cross-instance time went. Slows the run a little.
   */
  traceDir?: string
  /** Runs of each setup under each load, interleaved; the table and the target use the medians (as the relay bench). */
  repetitions?: number
}

/** Outcome of one setup under one load. */
export interface ScaleoutRun {
  setup: Setup
  load: ScaleoutLoad
  all: LatencySummary
  /** Deliveries whose writer was on another instance (only in the two-instance setup). */
  cross: LatencySummary
  /**
   * Deliveries whose writer was on the same instance, in the same two-instance run (only in
   * that setup): what crossing instances adds, measured under the same load at the same time.
   */
  sameInstance: LatencySummary
  deliveredShare: number
  /** CPU seconds of every server instance together. */
  serverCpuSeconds: number
  loadAverage: number
}

// Parent ⇄ client process messages.
type ToClients =
  | { type: 'connect'; address: BoardAddress; clients: number; firstClient: number; instance: number }
  | { type: 'run'; startAt: number; warmupMs: number; durationMs: number; ratePerSecond: number; drainMs: number; trace: boolean }
  | { type: 'exit' }
type FromClients =
  | { type: 'ready' }
  | {
      type: 'done'
      same: number[]
      cross: number[]
      writes: number
      deliveries: number
      /** With `trace`: every write and delivery of the measured window. */
      tracedWrites: TracedWrite[]
      tracedDeliveries: TracedDelivery[]
    }
  | { type: 'error'; message: string }

const DEFAULT_LOADS: ScaleoutLoad[] = [
  { clients: 20, ratePerSecond: 10 },
  { clients: 50, ratePerSecond: 5 },
]

function nextMessage(child: ChildProcess, type: FromClients['type'], timeoutMs: number): Promise<FromClients> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`A client process sent no "${type}" within ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (message: FromClients) => {
      if (message.type !== type && message.type !== 'error') return
      clearTimeout(timer)
      child.off('message', onMessage)
      if (message.type === 'error') reject(new Error(`A client process failed: ${message.message}`))
      else resolve(message)
    }
    child.on('message', onMessage)
  })
}

async function startInstances(setup: Setup, schema: string, traceFiles: string[] | null): Promise<ServerProcess[]> {
  if (setup === 'sqlite-1') return [await spawnServer('ours')]
  if (setup === 'sqlite-1-fsync') return [await spawnServer('ours', { env: { DURABILITY: 'before-relay' } })]
  const env: Record<string, string> = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    REDIS_CHANNEL_PREFIX: `${schema}:`,
    TOKEN_SECRET: randomBytes(32).toString('base64url'),
  }
  const traced = (n: number) => (traceFiles ? { ...env, SCALEOUT_TRACE_FILE: traceFiles[n]! } : env)
  const first = await spawnServer('ours', { env: traced(0) })
  if (setup === 'scaleout-1') return [first]
  return [first, await spawnServer('ours', { env: traced(1) })]
}

type RunSettings = Required<Omit<ScaleoutBenchOptions, 'loads' | 'traceDir' | 'repetitions'>> & { traceDir?: string }

/** One setup under one load over its repeated runs: each figure the median of the runs' (delivered: the lowest). */
function medianOfRuns(runs: ScaleoutRun[]): ScaleoutRun {
  return {
    setup: runs[0]!.setup,
    load: runs[0]!.load,
    all: medianOfSummaries(runs.map((r) => r.all)),
    cross: medianOfSummaries(runs.map((r) => r.cross)),
    sameInstance: medianOfSummaries(runs.map((r) => r.sameInstance)),
    deliveredShare: Math.min(...runs.map((r) => r.deliveredShare)),
    serverCpuSeconds: median(runs.map((r) => r.serverCpuSeconds)),
    loadAverage: median(runs.map((r) => r.loadAverage)),
  }
}

async function runOne(setup: Setup, load: ScaleoutLoad, options: RunSettings): Promise<ScaleoutRun> {
  const schema = `cc_bench_${randomBytes(5).toString('hex')}`
  const trace = options.traceDir !== undefined && setup === 'scaleout-2'
  const traceFiles = trace ? [0, 1].map((n) => join(options.traceDir!, `${load.clients}x${load.ratePerSecond}-${schema}-i${n}.jsonl`)) : null
  const instances = await startInstances(setup, schema, traceFiles)
  const children: ChildProcess[] = []
  try {
    const address = await instances[0]!.createBoard()
    // One client process per instance (two on a single instance, like the relay bench).
    const targets = instances.length === 2 ? [0, 1] : [0, 0]
    let first = 0
    const counts: number[] = []
    for (const [p, instance] of targets.entries()) {
      const count = Math.floor(load.clients / targets.length) + (p < load.clients % targets.length ? 1 : 0)
      counts.push(count)
      const child = fork(SELF, ['--clients'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      children.push(child)
      const serverUrl = `ws://127.0.0.1:${instances[instance]!.port}/ws`
      const ready = nextMessage(child, 'ready', 30_000)
      child.send({ type: 'connect', address: { ...address, serverUrl }, clients: count, firstClient: first, instance } satisfies ToClients)
      first += count
      await ready
    }
    await new Promise((r) => setTimeout(r, 500))
    const watches = instances.map((i) => watchProcess(i.pid))
    const started = wallClockMs()
    const done = children.map((child) => nextMessage(child, 'done', options.warmupMs + options.durationMs + options.drainMs + 60_000))
    const { warmupMs, durationMs, drainMs } = options
    const run: ToClients = { type: 'run', startAt: started + 200, warmupMs, durationMs, drainMs, ratePerSecond: load.ratePerSecond, trace }
    for (const child of children) child.send(run)
    const results = (await Promise.all(done)) as Extract<FromClients, { type: 'done' }>[]
    const cpu = watches.reduce((sum, w) => sum + w.stop().cpuSeconds, 0)
    const writes = results.reduce((sum, r) => sum + r.writes, 0)
    const deliveries = results.reduce((sum, r) => sum + r.deliveries, 0)
    if (traceFiles) {
      // Let the servers write their last trace lines before they are read.
      await new Promise((r) => setTimeout(r, 500))
      console.log(
        `\ntrace ${load.clients}×${load.ratePerSecond}/s, 2 instances (${traceFiles.join(', ')}):\n` +
          analyzeScaleoutTrace(traceFiles, results.flatMap((r) => r.tracedWrites), results.flatMap((r) => r.tracedDeliveries)),
      )
    }
    return {
      setup,
      load,
      // A delivery that had not arrived when the run ended (drainMs after the last write) is
      // slower than any that did: counted as infinitely late, so a setup falling behind under
      // overload cannot look faster by leaving its slowest deliveries out.
      all: summarize(withMissing(results.flatMap((r) => [...r.same, ...r.cross]), writes * (load.clients - 1))),
      cross: summarize(
        withMissing(
          results.flatMap((r) => r.cross),
          // Process p's clients are on instance p; each write crosses to the other process's clients.
          instances.length === 2 ? results.reduce((sum, r, p) => sum + r.writes * (counts[1 - p] ?? 0), 0) : 0,
        ),
      ),
      // One instance: every delivery is same-instance; like `cross`, left empty there.
      sameInstance: summarize(
        instances.length === 2
          ? withMissing(
              results.flatMap((r) => r.same),
              results.reduce((sum, r, p) => sum + r.writes * ((counts[p] ?? 1) - 1), 0),
            )
          : [],
      ),
      deliveredShare: writes === 0 ? 0 : deliveries / (writes * (load.clients - 1)),
      serverCpuSeconds: cpu,
      loadAverage: loadavg()[0] ?? Number.NaN,
    }
  } finally {
    for (const child of children) if (child.connected) child.send({ type: 'exit' } satisfies ToClients)
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r)))))
    await Promise.all(instances.map((i) => i.stop()))
    if (setup === 'scaleout-1' || setup === 'scaleout-2') await dropSchema(schema)
  }
}

/** A latency for the table; "> drain" when it falls among deliveries that had not arrived when the run ended. */
function ms(value: number): string {
  return value === Number.POSITIVE_INFINITY ? '> drain' : fmt(value, 2)
}

/** `latencies` padded with Infinity up to `expected` (the deliveries that had not arrived). */
function withMissing(latencies: number[], expected: number): number[] {
  const missing = Math.max(0, expected - latencies.length)
  return missing === 0 ? latencies : [...latencies, ...new Array<number>(missing).fill(Number.POSITIVE_INFINITY)]
}

/** Names PostgreSQL or Redis when it does not answer, else null. */
async function unreachableServices(): Promise<string | null> {
  const db = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 })
  try {
    await db.connect()
    await db.end()
  } catch (error) {
    return `PostgreSQL at BENCH_DATABASE_URL does not answer (${(error as Error).message})`
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 })
  redis.on('error', () => {})
  try {
    await redis.connect()
    await redis.quit()
  } catch (error) {
    redis.disconnect()
    return `Redis at BENCH_REDIS_URL does not answer (${(error as Error).message})`
  }
  return null
}

async function dropSchema(schema: string): Promise<void> {
  const db = new pg.Client({ connectionString: DATABASE_URL })
  await db.connect()
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await db.end()
}

/** Runs the three setups under every load and compares cross-instance latency with one instance. */
export async function runRelayScaleoutBench(options: ScaleoutBenchOptions = {}): Promise<BenchResult<ScaleoutRun[]>> {
  const settings: RunSettings = {
    durationMs: options.durationMs ?? 10_000,
    warmupMs: options.warmupMs ?? 2_000,
    drainMs: options.drainMs ?? 2_000,
    ...(options.traceDir !== undefined ? { traceDir: options.traceDir } : {}),
  }
  const loads = options.loads ?? DEFAULT_LOADS
  const missing = await unreachableServices()
  if (missing) {
    const note = `skipped: ${missing} (see docs/scale-out.md)`
    return { name: 'relay-scaleout', table: note, summary: `relay-scaleout: ${note}`, checks: [], data: [] }
  }
  const setups = Object.keys(SETUP_LABELS) as Setup[]
  const repetitions = Math.max(1, options.repetitions ?? 1)
  const groups = await runInterleaved(loads, setups, repetitions, (setup, load) => runOne(setup, load, settings))
  const runs = groups.map((group) => medianOfRuns(group.runs))
  const comparedP99s = (run: ScaleoutRun) =>
    groups
      .find((g) => g.load === run.load && g.contender === run.setup)!
      .runs.map((r) => ms(r.setup === 'scaleout-2' ? r.cross.p99 : r.all.p99))
      .join(' / ')
  // `p99 of n`: how many deliveries the compared p99 is taken over (all of one instance's,
  // the cross-instance ones of two: about 10 of every 19 receivers).
  const rows = [['load', 'setup', 'p50 ms', 'p99 ms', 'cross p50 ms', 'cross p99 ms', 'p99 of n', 'delivered', 'srv CPU s', 'load avg', 'p99 ÷ 1 inst', 'compared p99 of each run']]
  // What crossing alone costs: both kinds of delivery of the same two-instance runs, so the
  // load, the machine's moment and PostgreSQL + Redis are the same on both sides.
  const crossingRows = [['load', 'same-instance p50 ms', 'p99 ms', 'cross-instance p50 ms', 'p99 ms', 'cross ÷ same p99, median of runs', 'of each run']]
  const checks: TargetCheck[] = []
  for (const load of loads) {
    const name = `${load.clients}×${load.ratePerSecond}/s`
    const forLoad = runs.filter((r) => r.load === load)
    const single = forLoad.find((r) => r.setup === 'sqlite-1')!
    for (const r of forLoad) {
      const p99 = r.setup === 'scaleout-2' ? r.cross.p99 : r.all.p99
      rows.push([
        name,
        SETUP_LABELS[r.setup],
        ms(r.all.p50),
        ms(r.all.p99),
        r.setup === 'scaleout-2' ? ms(r.cross.p50) : '–',
        r.setup === 'scaleout-2' ? ms(r.cross.p99) : '–',
        String(r.setup === 'scaleout-2' ? r.cross.count : r.all.count),
        `${(r.deliveredShare * 100).toFixed(1)}%`,
        fmt(r.serverCpuSeconds, 2),
        fmt(r.loadAverage, 1),
        ratio(p99, single.all.p99),
        comparedP99s(r),
      ])
    }
    const two = forLoad.find((r) => r.setup === 'scaleout-2')!
    const twoRuns = groups.find((g) => g.load === load && g.contender === 'scaleout-2')!.runs
    crossingRows.push([
      name,
      ms(two.sameInstance.p50),
      ms(two.sameInstance.p99),
      ms(two.cross.p50),
      ms(two.cross.p99),
      // Paired run by run (the point of this table), then the median of those ratios.
      ratio(median(twoRuns.map((r) => r.cross.p99 / r.sameInstance.p99)), 1),
      twoRuns.map((r) => ratio(r.cross.p99, r.sameInstance.p99)).join(' / '),
    ])
    checks.push({
      target: `${name} cross-instance p99 ≤1.5× one instance`,
      actual: ratio(two.cross.p99, single.all.p99),
      pass: Number.isFinite(two.cross.p99) && two.cross.p99 <= 1.5 * single.all.p99,
    })
    checks.push({ target: `${name} all delivered (2 instances)`, actual: `${(two.deliveredShare * 100).toFixed(1)}%`, pass: two.deliveredShare >= 0.999 })
  }
  const headline = runs
    .filter((r) => r.setup === 'scaleout-2')
    .map((r) => `${r.load.clients}×${r.load.ratePerSecond}/s cross p99 ${Number.isFinite(r.cross.p99) ? `${fmt(r.cross.p99, 1)} ms` : ms(r.cross.p99)}`)
  const method = repeatedRunsNote(repetitions, 'setup')
  const crossing = `\n\nCrossing instances, within the two-instance runs (same-instance: writer and receiver on one instance):\n${renderTable(crossingRows)}`
  return { name: 'relay-scaleout', table: renderTable(rows) + method + crossing, summary: summaryLine('relay-scaleout', headline.join(', '), checks), checks, data: runs }
}

// ---- client process ----

interface Client {
  index: number
  instance: number
  doc: Y.Doc
  provider: WebsocketProvider
}

function clientProcess(): void {
  // Each provider adds a process 'exit' listener; dozens of clients share this process.
  process.setMaxListeners(0)
  const clients: Client[] = []
  const same: number[] = []
  const cross: number[] = []
  let measureFrom = Number.POSITIVE_INFINITY
  let measureUntil = Number.POSITIVE_INFINITY
  let writes = 0
  let deliveries = 0
  let trace = false
  const tracedWrites: TracedWrite[] = []
  const tracedDeliveries: TracedDelivery[] = []
  const send = (message: FromClients) => process.send?.(message)
  const metaOf = (record: YRecord | undefined) => {
    const meta = record?.get('meta')
    return meta instanceof Y.Map ? { sentAt: meta.get('sentAt') as unknown, instance: meta.get('instance') as unknown } : null
  }

  process.on('message', (message: ToClients) => {
    if (message.type === 'connect') {
      const ready: Promise<void>[] = []
      for (let i = 0; i < message.clients; i++) {
        const doc = new Y.Doc()
        const provider = new WebsocketProvider(message.address.serverUrl, message.address.room, doc, {
          WebSocketPolyfill: WebSocket as never,
          params: message.address.params,
          disableBc: true,
        })
        clients.push({ index: message.firstClient + i, instance: message.instance, doc, provider })
        const records = getRecordsMap(doc)
        records.observe((event) => {
          if (event.transaction.local) return
          const now = wallClockMs()
          for (const key of event.keysChanged) {
            const meta = metaOf(records.get(key))
            if (typeof meta?.sentAt !== 'number' || meta.sentAt < measureFrom || meta.sentAt > measureUntil) continue
            ;(meta.instance === message.instance ? same : cross).push(now - meta.sentAt)
            deliveries++
            if (trace) tracedDeliveries.push({ id: key, at: now, instance: message.instance })
          }
        })
        ready.push(new Promise((resolve) => provider.once('sync', () => resolve())))
      }
      Promise.all(ready).then(
        () => send({ type: 'ready' }),
        (error: unknown) => send({ type: 'error', message: String(error) }),
      )
    } else if (message.type === 'run') {
      measureFrom = message.startAt + message.warmupMs
      measureUntil = measureFrom + message.durationMs
      const periodMs = 1000 / message.ratePerSecond
      trace = message.trace
      for (const client of clients) {
        let seq = 0
        // The bytes y-websocket sends for this client's last write (the server stores and relays them as is).
        let lastUpdate: Uint8Array | null = null
        if (trace) client.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
          if (tr.local) lastUpdate = update
        })
        let next = message.startAt + ((client.index * periodMs) / 53) % periodMs
        const tick = () => {
          while (next <= wallClockMs() && next <= measureUntil) {
            const sentAt = wallClockMs()
            const id = `shape:c${client.index}-${seq}`
            const record = { ...noteRecord(id, (seq % 40) * 220, client.index * 240, `便利貼 ${client.index}-${seq++}`), meta: { sentAt, instance: client.instance } }
            client.doc.transact(() => getRecordsMap(client.doc).set(id, createYRecord(record)))
            if (sentAt >= measureFrom && sentAt <= measureUntil) {
              writes++
              if (trace && lastUpdate) tracedWrites.push({ id, key: updateKey(lastUpdate), sentAt, instance: client.instance })
            }
            next += periodMs
          }
          if (next <= measureUntil) setTimeout(tick, Math.max(0, next - wallClockMs()))
        }
        setTimeout(tick, Math.max(0, next - wallClockMs()))
      }
      setTimeout(() => send({ type: 'done', same, cross, writes, deliveries, tracedWrites, tracedDeliveries }), Math.max(0, measureUntil + message.drainMs - wallClockMs()))
    } else {
      for (const client of clients) client.provider.destroy()
      process.exit(0)
    }
  })
}

if (process.argv.includes('--clients')) {
  clientProcess()
} else if (process.argv[1] === SELF) {
  const quick = process.argv.includes('--quick')
  const traceDir = process.argv.includes('--trace') ? mkdtempSync(join(tmpdir(), 'scaleout-trace-')) : undefined
  // --load=20x10 runs only that load (for iterating on one figure).
  const only = /^--load=(\d+)x(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--load=')) ?? '')
  const loads = only ? [{ clients: Number(only[1]), ratePerSecond: Number(only[2]) }] : undefined
  const repeat = /^--repeat=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--repeat=')) ?? '')
  runRelayScaleoutBench({
    ...(quick ? { durationMs: 3000, warmupMs: 1000, drainMs: 1000 } : { repetitions: repeat ? Number(repeat[1]) : 3 }),
    ...(traceDir ? { traceDir } : {}),
    ...(loads ? { loads } : {}),
  }).then(
    (result) => {
      console.log(result.table)
      console.log(`\n${result.summary}`)
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
