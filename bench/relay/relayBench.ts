import { fork, type ChildProcess } from 'node:child_process'
import { loadavg } from 'node:os'
import { repoPath } from '../lib/paths'
import { repeatedRunsNote, runInterleaved } from '../lib/repeatedRuns'
import { watchProcess } from '../lib/procStats'
import { spawnServer, SERVER_LABELS, type ServerKind } from '../lib/servers'
import { fmt, median, medianOfSummaries, ratio, summarize, type LatencySummary } from '../lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from '../lib/table'
import { wallClockMs, type FromClients, type ToClients } from './protocol'

/** One offered load: `clients` writers, each `ratePerSecond` notes a second. */
export interface RelayLoad {
  clients: number
  ratePerSecond: number
}

export interface RelayBenchOptions {
  loads?: RelayLoad[]
  servers?: ServerKind[]
  /** Measured window per run (after the warm-up). */
  durationMs?: number
  warmupMs?: number
  /** Time after the last write for deliveries to arrive. */
  drainMs?: number
  /** Client processes per run (the clients are split between them). */
  clientProcesses?: number
  /** Extra node flags for the server processes (e.g. --cpu-prof). */
  serverNodeFlags?: string[]
  /**
   * Runs of each server under each load, interleaved (a b c d, a b c d, …); the table and
   * the targets use each figure's median over the runs. On a 2-core machine one run's p99
   * swings by ±30% between repeats of the same server (docs/performance.md), so a single
   * run cannot tell 0.9× from 1.1×.
   */
  repetitions?: number
}

/** Outcome of one server under one load. */
export interface RelayRun {
  server: ServerKind
  load: RelayLoad
  latency: LatencySummary
  /** Deliveries seen / deliveries expected (writes × other clients). */
  deliveredShare: number
  serverCpuSeconds: number
  serverPeakRssBytes: number
  clientCpuSeconds: number
  wallSeconds: number
  /** 1-minute load average at the end of the run (other work on the machine skews latency). */
  loadAverage: number
}

export const DEFAULT_LOADS: RelayLoad[] = [
  { clients: 20, ratePerSecond: 10 },
  { clients: 50, ratePerSecond: 5 },
]
export const ALL_SERVERS: ServerKind[] = ['ours', 'reference-leveldb', 'reference-memory', 'bare-relay']

function nextMessage(child: ChildProcess, type: FromClients['type'], timeoutMs: number): Promise<FromClients> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`A relay client process sent no "${type}" within ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (message: FromClients) => {
      if (message.type === 'error') {
        clearTimeout(timer)
        child.off('message', onMessage)
        reject(new Error(`A relay client process failed: ${message.message}`))
      } else if (message.type === type) {
        clearTimeout(timer)
        child.off('message', onMessage)
        resolve(message)
      }
    }
    child.on('message', onMessage)
  })
}

async function runOne(server: ServerKind, load: RelayLoad, options: Required<Omit<RelayBenchOptions, 'loads' | 'servers' | 'repetitions'>>): Promise<RelayRun> {
  const running = await spawnServer(server, { nodeFlags: options.serverNodeFlags })
  const children: ChildProcess[] = []
  try {
    const address = await running.createBoard()
    const processes = Math.max(1, Math.min(options.clientProcesses, load.clients))
    let first = 0
    for (let p = 0; p < processes; p++) {
      const count = Math.floor(load.clients / processes) + (p < load.clients % processes ? 1 : 0)
      const child = fork(repoPath('bench/relay/clientProcess.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      children.push(child)
      const ready = nextMessage(child, 'ready', 30_000)
      // The bare relay keeps no document, so nobody answers the first client's sync request.
      child.send({ type: 'connect', address, clients: count, firstClient: first, waitForSync: server !== 'bare-relay' } satisfies ToClients)
      first += count
      await ready
    }
    // Let the joins' sync and awareness traffic settle before measuring.
    await new Promise((r) => setTimeout(r, 500))
    const watch = watchProcess(running.pid)
    const started = wallClockMs()
    const done = children.map((child) => nextMessage(child, 'done', options.warmupMs + options.durationMs + options.drainMs + 60_000))
    const run: ToClients = { type: 'run', startAt: started + 200, warmupMs: options.warmupMs, durationMs: options.durationMs, ratePerSecond: load.ratePerSecond, drainMs: options.drainMs }
    for (const child of children) child.send(run)
    const results = (await Promise.all(done)) as Extract<FromClients, { type: 'done' }>[]
    const usage = watch.stop()
    const latencies = results.flatMap((r) => r.latencies)
    const writes = results.reduce((sum, r) => sum + r.measuredWrites, 0)
    const deliveries = results.reduce((sum, r) => sum + r.measuredDeliveries, 0)
    return {
      server,
      load,
      latency: summarize(latencies),
      deliveredShare: writes === 0 ? 0 : deliveries / (writes * (load.clients - 1)),
      serverCpuSeconds: usage.cpuSeconds,
      serverPeakRssBytes: usage.peakRssBytes,
      clientCpuSeconds: results.reduce((sum, r) => sum + r.cpuSeconds, 0),
      wallSeconds: (wallClockMs() - started) / 1000,
      loadAverage: loadavg()[0] ?? Number.NaN,
    }
  } finally {
    for (const child of children) {
      if (child.connected) child.send({ type: 'exit' } satisfies ToClients)
    }
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r)))))
    await running.stop()
  }
}

/** One server under one load over its repeated runs: each figure the median of the runs' (delivered: the lowest). */
export function medianOfRuns(runs: RelayRun[]): RelayRun {
  const of = (pick: (run: RelayRun) => number) => median(runs.map(pick))
  return {
    server: runs[0]!.server,
    load: runs[0]!.load,
    latency: medianOfSummaries(runs.map((r) => r.latency)),
    deliveredShare: Math.min(...runs.map((r) => r.deliveredShare)),
    serverCpuSeconds: of((r) => r.serverCpuSeconds),
    serverPeakRssBytes: of((r) => r.serverPeakRssBytes),
    clientCpuSeconds: of((r) => r.clientCpuSeconds),
    wallSeconds: of((r) => r.wallSeconds),
    loadAverage: of((r) => r.loadAverage),
  }
}

/** Runs every server under every load (one fresh server per run, `repetitions` times, interleaved) and compares the medians. */
export async function runRelayBench(options: RelayBenchOptions = {}): Promise<BenchResult<RelayRun[]>> {
  const loads = options.loads ?? DEFAULT_LOADS
  const servers = options.servers ?? ALL_SERVERS
  const repetitions = Math.max(1, options.repetitions ?? 1)
  const settings = {
    durationMs: options.durationMs ?? 10_000,
    warmupMs: options.warmupMs ?? 2_000,
    drainMs: options.drainMs ?? 2_000,
    clientProcesses: options.clientProcesses ?? 2,
    serverNodeFlags: options.serverNodeFlags ?? [],
  }
  const groups = await runInterleaved(loads, servers, repetitions, (server, load) => runOne(server, load, settings))
  const runs = groups.map((group) => medianOfRuns(group.runs))
  const p99sOf = (run: RelayRun) =>
    groups
      .find((g) => g.load === run.load && g.contender === run.server)!
      .runs.map((r) => fmt(r.latency.p99, 0))
      .join(' / ')

  const rows: string[][] = [['load', 'server', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'delivered', 'srv CPU s', 'srv RSS MB', 'clients CPU s', 'load avg', 'p99 ÷(b)', 'p99 ÷(d)', 'CPU ÷(b)', 'p99 of each run ms']]
  const checks: TargetCheck[] = []
  for (const load of loads) {
    const forLoad = runs.filter((r) => r.load === load)
    const ref = forLoad.find((r) => r.server === 'reference-leveldb')
    const floor = forLoad.find((r) => r.server === 'bare-relay')
    const loadName = `${load.clients}×${load.ratePerSecond}/s`
    for (const r of forLoad) {
      rows.push([
        loadName,
        SERVER_LABELS[r.server],
        fmt(r.latency.p50, 2),
        fmt(r.latency.p95, 2),
        fmt(r.latency.p99, 2),
        fmt(r.latency.max, 1),
        `${(r.deliveredShare * 100).toFixed(1)}%`,
        fmt(r.serverCpuSeconds, 2),
        fmt(r.serverPeakRssBytes / 1e6, 0),
        fmt(r.clientCpuSeconds, 2),
        fmt(r.loadAverage, 1),
        ref ? ratio(r.latency.p99, ref.latency.p99) : '–',
        floor ? ratio(r.latency.p99, floor.latency.p99) : '–',
        ref ? ratio(r.serverCpuSeconds, ref.serverCpuSeconds) : '–',
        p99sOf(r),
      ])
    }
    const ours = forLoad.find((r) => r.server === 'ours')
    if (ours && ref) {
      checks.push({ target: `${loadName} p99 ≤1.0×(b)`, actual: ratio(ours.latency.p99, ref.latency.p99), pass: ours.latency.p99 <= ref.latency.p99 })
      checks.push({ target: `${loadName} CPU ≤1.0×(b)`, actual: ratio(ours.serverCpuSeconds, ref.serverCpuSeconds), pass: ours.serverCpuSeconds <= ref.serverCpuSeconds })
    }
    if (ours && floor) {
      checks.push({ target: `${loadName} p99 ≤1.5×(d)`, actual: ratio(ours.latency.p99, floor.latency.p99), pass: ours.latency.p99 <= 1.5 * floor.latency.p99 })
    }
    if (ours) checks.push({ target: `${loadName} all delivered`, actual: `${(ours.deliveredShare * 100).toFixed(1)}%`, pass: ours.deliveredShare >= 0.999 })
  }
  const ours = runs.filter((r) => r.server === 'ours').map((r) => `${r.load.clients}×${r.load.ratePerSecond}/s p99 ${fmt(r.latency.p99, 1)} ms`)
  const method = repeatedRunsNote(repetitions, 'server')
  return {
    name: 'relay',
    table: renderTable(rows) + method,
    summary: summaryLine('relay', `ours ${ours.join(', ')}`, checks),
    checks,
    data: runs,
  }
}
