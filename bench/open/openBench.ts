import type { Browser, BrowserContext } from 'playwright-core'
import { boardSchema, countShapes, storeSnapshot, validateRecords, workshopBoardRecords } from '../lib/boardRecords'
import { buildClient, buildPlainTldraw } from '../lib/builds'
import { spawnServer, type BoardAddress, type ServerProcess } from '../lib/servers'
import { serveDirectory } from '../lib/staticServer'
import { fmt, kB, median } from '../lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from '../lib/table'
import { installOpenProbe, launchChromium, TrafficCounter, waitForBoard } from './browser'
import { seedBoard } from './seedBoard'

export interface OpenBenchOptions {
  /** Board sizes in shapes (issue 8: 1,000 and 5,000). */
  sizes?: number[]
  /** Measurements per case; the median is reported. */
  repetitions?: number
  /** Per page load. */
  timeoutMs?: number
  /** A client build to serve instead of building the working tree (for A/B comparisons of builds). */
  clientDir?: string
}

/** One page load. */
export interface OpenRun {
  app: 'ours' | 'plain'
  shapes: number
  start: 'cold' | 'warm'
  firstShapeMs: number
  storeCompleteMs: number
  fullFrameMs: number
  /** Ours only (NaN for plain): the board page opened its IndexedDB local copy, i.e. the board chunk ran. */
  localCopyOpenedMs: number
  httpBytes: number
  websocketBytes: number
}

/** A returning person: the name prompt would otherwise sit between navigation and the board. */
const RETURNING_USER = JSON.stringify({ id: 'bench-user-0001', name: 'Bench', color: '#1d4e89' })

/** A fresh browser context at 1280×800 for a returning person, with the frame probe for `shapes`. */
export async function newContext(browser: Browser, shapes: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(
    `if (location.pathname.startsWith('/b/') && !localStorage.getItem('civic-canvas:user')) localStorage.setItem('civic-canvas:user', ${JSON.stringify(RETURNING_USER)})`,
  )
  await installOpenProbe(context, shapes)
  return context
}

/** The board's address on `server`, with its facilitator token. */
export function boardUrl(server: ServerProcess, address: BoardAddress): string {
  const token = address.params.token
  return `${server.httpUrl}/b/${address.room}${token ? `#t=${encodeURIComponent(token)}` : ''}`
}

/** The schema the built client writes (read from the app itself, so the seeded board needs no migration). */
export async function appSchema(browser: Browser, server: ServerProcess, timeoutMs: number): Promise<object> {
  const address = await server.createBoard()
  const context = await newContext(browser, 0)
  try {
    const page = await context.newPage()
    await page.goto(boardUrl(server, address))
    await page.waitForFunction(() => Boolean(window.__civicCanvas?.editor), undefined, { timeout: timeoutMs })
    return await page.evaluate(() => window.__civicCanvas!.editor.store.schema.serialize() as object)
  } finally {
    await context.close()
  }
}

/**
 * Our server serving `clientDir`, boards kept loaded for a minute. With `restartOf`: that
 * server stopped and started again on its port and data, so boards are read from SQLite
 * (a cold open).
 */
export async function startOurServer(clientDir: string, restartOf?: ServerProcess): Promise<ServerProcess> {
  const env = { UNLOAD_DELAY_MS: '60000' }
  if (restartOf === undefined) return spawnServer('ours', { staticDir: clientDir, env })
  await restartOf.stop({ keepData: true })
  return spawnServer('ours', { staticDir: clientDir, dataDir: restartOf.dataDir!, port: restartOf.port, env })
}

/** Loads `url` in `context` twice (cold, then warm by navigating again) and measures both. */
async function measurePair(
  context: BrowserContext,
  url: string,
  base: Pick<OpenRun, 'app' | 'shapes'>,
  timeoutMs: number,
  beforeWarm: () => Promise<void> = async () => {},
): Promise<OpenRun[]> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[open bench ${base.app}] page error: ${error.message}`))
  const traffic = await TrafficCounter.attach(page)
  const runs: OpenRun[] = []
  for (const start of ['cold', 'warm'] as const) {
    if (start === 'warm') await beforeWarm()
    traffic.reset()
    await page.goto(start === 'warm' ? 'about:blank' : url)
    if (start === 'warm') await page.goto(url)
    const times = await waitForBoard(page, timeoutMs)
    // Let the last frames' requests finish before reading the byte counts.
    await page.waitForTimeout(300)
    runs.push({
      ...base,
      start,
      firstShapeMs: times.firstShapeAt ?? Number.NaN,
      storeCompleteMs: times.storeCompleteAt ?? Number.NaN,
      fullFrameMs: times.fullFrameAt ?? Number.NaN,
      localCopyOpenedMs: times.localCopyOpenedAt ?? Number.NaN,
      httpBytes: traffic.http,
      websocketBytes: traffic.websocket,
    })
  }
  await page.close()
  return runs
}

function medianRun(runs: OpenRun[]): OpenRun {
  return {
    ...runs[0]!,
    firstShapeMs: median(runs.map((r) => r.firstShapeMs)),
    storeCompleteMs: median(runs.map((r) => r.storeCompleteMs)),
    fullFrameMs: median(runs.map((r) => r.fullFrameMs)),
    localCopyOpenedMs: median(runs.map((r) => r.localCopyOpenedMs)),
    httpBytes: median(runs.map((r) => r.httpBytes)),
    websocketBytes: median(runs.map((r) => r.websocketBytes)),
  }
}

/** Board open (issue 8, benchmark 2): our app vs plain tldraw's loadSnapshot, same records, same browser. */
export async function runOpenBench(options: OpenBenchOptions = {}): Promise<BenchResult<OpenRun[]>> {
  const sizes = options.sizes ?? [1000, 5000]
  const repetitions = options.repetitions ?? 1
  const timeoutMs = options.timeoutMs ?? 180_000
  const [clientDir, plainDir] = await Promise.all([options.clientDir ?? buildClient(), buildPlainTldraw()])
  const schema = boardSchema()
  const snapshots = new Map<string, Buffer>()
  const boards = sizes.map((size) => {
    const records = workshopBoardRecords(size)
    validateRecords(schema, records)
    snapshots.set(`/snapshot-${size}.json`, Buffer.from(JSON.stringify(storeSnapshot(schema, records))))
    return { size, records, shapes: countShapes(records) }
  })
  const plain = await serveDirectory(plainDir, snapshots)
  const browser = await launchChromium()
  let server = await startOurServer(clientDir)
  const all: OpenRun[] = []
  try {
    const docSchema = await appSchema(browser, server, timeoutMs)
    for (const board of boards) {
      const address = await server.createBoard()
      await seedBoard(address, board.records, docSchema)
      for (let rep = 0; rep < repetitions; rep++) {
        // Cold: the server restarted (the board is read from SQLite), a fresh browser profile.
        server = await startOurServer(clientDir, server)
        const ours = await newContext(browser, board.shapes)
        all.push(...(await measurePair(ours, boardUrl(server, address), { app: 'ours', shapes: board.shapes }, timeoutMs)))
        await ours.close()
        const plainContext = await newContext(browser, board.shapes)
        all.push(...(await measurePair(plainContext, `${plain.url}/shapes.html?snapshot=/snapshot-${board.size}.json`, { app: 'plain', shapes: board.shapes }, timeoutMs)))
        await plainContext.close()
      }
    }
  } finally {
    await browser.close()
    await plain.close()
    await server.stop()
  }

  const rows = [['shapes', 'start', 'app', 'first shape drawn ms', 'all in store ms', 'whole board drawn ms', 'HTTP', 'websocket', 'drawn ÷ plain']]
  const checks: TargetCheck[] = []
  for (const board of boards) {
    for (const start of ['cold', 'warm'] as const) {
      const pick = (app: OpenRun['app']) => medianRun(all.filter((r) => r.shapes === board.shapes && r.start === start && r.app === app))
      const ours = pick('ours')
      const plainRun = pick('plain')
      for (const r of [ours, plainRun]) {
        rows.push([String(r.shapes), start, r.app === 'ours' ? 'ours (server + Yjs)' : 'plain tldraw loadSnapshot', fmt(r.firstShapeMs, 0), fmt(r.storeCompleteMs, 0), fmt(r.fullFrameMs, 0), kB(r.httpBytes), kB(r.websocketBytes), r.app === 'ours' ? `${(r.fullFrameMs / plainRun.fullFrameMs).toFixed(2)}×` : '1.00×'])
      }
      checks.push({ target: `${board.shapes} ${start} ≤1.0× plain`, actual: `${(ours.fullFrameMs / plainRun.fullFrameMs).toFixed(2)}×`, pass: ours.fullFrameMs <= plainRun.fullFrameMs })
    }
  }
  const stretch = all.filter((r) => r.app === 'ours').every((r) => r.firstShapeMs < r.storeCompleteMs)
  checks.push({ target: 'stretch: first paint before whole board in store', actual: stretch ? 'yes' : 'no', pass: stretch })
  return {
    name: 'open',
    table: renderTable(rows),
    summary: summaryLine('open', `median of ${repetitions}`, checks),
    checks,
    data: all,
  }
}
