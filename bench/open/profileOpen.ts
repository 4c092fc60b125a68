/**
 * Where a board open spends the main thread, our app against plain tldraw:
 * `node --import tsx bench/open/profileOpen.ts [shapes] [--out=dir]` (default 1,000 shapes).
 *
 * Builds both apps without minification (functions keep their names), seeds the board as
 * `npm run bench -- open` does, records a Chromium trace with V8's CPU profiler of a cold and
 * a warm open of each, and prints the main thread's busy time and the time inside the
 * functions that matter for an open (tldraw's note-label measurement, React, Yjs, the loads).
 * Tracing slows pages by roughly a third: compare the apps with each other, not with the
 * open benchmark. `--out` keeps the traces (open them in Chromium's performance panel).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boardSchema, countShapes, storeSnapshot, validateRecords, workshopBoardRecords } from '../lib/boardRecords'
import { buildClient, buildPlainTldraw } from '../lib/builds'
import { serveDirectory } from '../lib/staticServer'
import { fmt } from '../lib/stats'
import { renderTable } from '../lib/table'
import { launchChromium, waitForBoard } from './browser'
import { appSchema, boardUrl, newContext, startOurServer } from './openBench'
import { seedBoard } from './seedBoard'
import { profileMainThread } from './traceProfile'

/** What each column adds up (inclusive), by function name in the unminified builds. */
const FUNCTIONS: readonly [name: string, what: string][] = [
  ['measureNoteLabelSize', 'note labels measured'],
  ['getSchema', 'TipTap schema built'],
  ['measureHtml', 'text measured (layout)'],
  ['performWorkOnRoot', 'React rendering'],
  ['applyUpdate', 'Yjs decoding'],
  ['loadShapes', 'ours: rest of board put'],
  ['loadSnapshot', 'plain: loadSnapshot'],
]

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing']

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const size = Number(args.find((a) => !a.startsWith('--')) ?? 1000)
  const outDir = args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? mkdtempSync(join(tmpdir(), 'open-traces-'))
  mkdirSync(outDir, { recursive: true })
  const [clientDir, plainDir] = await Promise.all([buildClient({ minify: false }), buildPlainTldraw({ minify: false })])
  const schema = boardSchema()
  const records = workshopBoardRecords(size)
  validateRecords(schema, records)
  const shapes = countShapes(records)
  const plain = await serveDirectory(plainDir, new Map([['/snapshot.json', Buffer.from(JSON.stringify(storeSnapshot(schema, records)))]]))
  const browser = await launchChromium()
  let server = await startOurServer(clientDir)
  const rows = [['app', 'start', 'whole board drawn ms', 'main thread busy ms', 'Layout ms', ...FUNCTIONS.map(([, what]) => what)]]
  try {
    const address = await server.createBoard()
    await seedBoard(address, records, await appSchema(browser, server, 60_000))
    // Cold: the server restarted, as in the open benchmark.
    server = await startOurServer(clientDir, server)
    for (const app of ['ours', 'plain'] as const) {
      const context = await newContext(browser, shapes)
      const page = await context.newPage()
      const url = app === 'ours' ? boardUrl(server, address) : `${plain.url}/shapes.html?snapshot=/snapshot.json`
      for (const start of ['cold', 'warm'] as const) {
        if (start === 'warm') await page.goto('about:blank')
        await browser.startTracing(page, { categories: CATEGORIES })
        await page.goto(url)
        const times = await waitForBoard(page, 180_000)
        const trace = await browser.stopTracing()
        writeFileSync(join(outDir, `${app}-${start}.json`), trace)
        const whole = times.fullFrameAt ?? Number.NaN
        const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: Parameters<typeof profileMainThread>[0] }
        const profile = profileMainThread(traceEvents, FUNCTIONS.map(([name]) => name), whole)
        rows.push([app, start, fmt(whole, 0), fmt(profile.busyMs, 0), fmt(profile.layoutMs, 0), ...FUNCTIONS.map(([name]) => fmt(profile.inside.get(name)!, 0))])
      }
      await context.close()
    }
  } finally {
    await browser.close()
    await plain.close()
    await server.stop()
  }
  console.log(`${size} shapes, unminified builds, traced (times are slower than the open benchmark's):\n`)
  console.log(renderTable(rows))
  console.log(`\nTraces: ${outDir}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
