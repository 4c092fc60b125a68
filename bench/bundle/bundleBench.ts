import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildClient, buildPlainTldraw, readManifest, type Manifest } from '../lib/builds'
import { kB } from '../lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from '../lib/table'

/** Gzipped JS and CSS a route makes the browser load (fonts and images excluded). */
export interface RouteSize {
  js: number
  css: number
  files: string[]
  /** True when any of its JS contains tldraw's editor. */
  hasTldraw: boolean
}

export interface BundleData {
  home: RouteSize
  board: RouteSize
  plain: RouteSize
}

/** The files a set of manifest keys loads statically: the chunks, their static imports and their CSS. */
function staticClosure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const files = new Set<string>()
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) throw new Error(`Vite manifest has no entry ${key}`)
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  keys.forEach(visit)
  return files
}

/** Sizes the files; `outDir` holds them. */
function sizeOf(outDir: string, files: Iterable<string>): RouteSize {
  const size: RouteSize = { js: 0, css: 0, files: [], hasTldraw: false }
  for (const file of files) {
    if (!file.endsWith('.js') && !file.endsWith('.css')) continue
    const content = readFileSync(join(outDir, file))
    const gz = gzipSync(content).byteLength
    if (file.endsWith('.js')) {
      size.js += gz
      // A string only tldraw's editor bundle contains.
      if (content.includes('tldraw-editor') || content.includes('maxShapesPerPage')) size.hasTldraw = true
    } else size.css += gz
    size.files.push(file)
  }
  return size
}

/** The keys of the chunks the board route loads lazily (the dynamic import of BoardPage). */
function boardRouteKeys(manifest: Manifest, entry: string): string[] {
  const reachable = staticClosureKeys(manifest, [entry])
  const dynamic = reachable.flatMap((key) => manifest[key]?.dynamicImports ?? [])
  const board = dynamic.filter((key) => /BoardPage|board\//.test(key))
  return board.length > 0 ? board : dynamic
}

function staticClosureKeys(manifest: Manifest, keys: readonly string[]): string[] {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const imported of manifest[key]!.imports ?? []) visit(imported)
  }
  keys.forEach(visit)
  return [...seen]
}

/** Client bundle (issue 8, benchmark 5): gzipped JS+CSS per route vs a bare Vite + tldraw app. */
export async function runBundleBench(): Promise<BenchResult<BundleData>> {
  const [clientDir, plainDir] = await Promise.all([buildClient(), buildPlainTldraw()])
  const manifest = readManifest(clientDir)
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry && key.endsWith('index.html'))
  if (!entry) throw new Error('The client build manifest has no index.html entry')
  const homeFiles = staticClosure(manifest, [entry])
  const boardFiles = new Set([...homeFiles, ...staticClosure(manifest, boardRouteKeys(manifest, entry))])
  const plainManifest = readManifest(plainDir)
  const data: BundleData = {
    home: sizeOf(clientDir, homeFiles),
    board: sizeOf(clientDir, boardFiles),
    plain: sizeOf(plainDir, staticClosure(plainManifest, ['index.html'])),
  }
  const total = (s: RouteSize) => s.js + s.css
  const rows = [
    ['app', 'JS gz', 'CSS gz', 'total gz', 'vs plain', 'files', 'tldraw inside'],
    ...([['ours: home route', data.home], ['ours: board route', data.board], ['bare Vite + tldraw', data.plain]] as const).map(([name, s]) => [
      name,
      kB(s.js),
      kB(s.css),
      kB(total(s)),
      `${(total(s) / total(data.plain)).toFixed(2)}×`,
      String(s.files.length),
      s.hasTldraw ? 'yes' : 'no',
    ]),
  ]
  const checks: TargetCheck[] = [
    { target: 'board route ≤1.2× plain', actual: `${(total(data.board) / total(data.plain)).toFixed(2)}×`, pass: total(data.board) <= 1.2 * total(data.plain) },
    { target: 'home route without tldraw', actual: data.home.hasTldraw ? 'tldraw loaded' : `${kB(total(data.home))}, no tldraw`, pass: !data.home.hasTldraw },
  ]
  return {
    name: 'bundle',
    table: renderTable(rows),
    summary: summaryLine('bundle', `board route ${kB(total(data.board))} vs plain ${kB(total(data.plain))}`, checks),
    checks,
    data,
  }
}
