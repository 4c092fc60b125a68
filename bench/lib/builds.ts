import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoPath } from './paths'

const run = promisify(execFile)

/** One entry of Vite's build manifest. */
export interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
export type Manifest = Record<string, ManifestChunk>

const built = new Map<string, Promise<string>>()

async function viteBuild(label: string, extraArgs: string[]): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `bench-build-${label}-`))
  try {
    await run(process.execPath, [repoPath('node_modules/vite/bin/vite.js'), 'build', ...extraArgs, '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], {
      cwd: repoPath(),
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new Error(`vite build of ${label} failed:\n${stderr ?? ''}${stdout ?? ''}`)
  }
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build of ${label} wrote no index.html into ${outDir}`)
  return outDir
}

export interface BuildOptions {
  /** false: keep names (for CPU profiles, bench/open/profileOpen.ts); default: minified, as shipped. */
  minify?: boolean
}

function buildOnce(label: string, args: string[], options: BuildOptions): Promise<string> {
  const minify = options.minify ?? true
  const key = minify ? label : `${label}-unminified`
  if (!built.has(key)) built.set(key, viteBuild(key, minify ? args : [...args, '--minify', 'false']))
  return built.get(key)!
}

/** Builds the client (root vite.config.ts) into a fresh temp dir, once per process; answers the dir. */
export function buildClient(options: BuildOptions = {}): Promise<string> {
  return buildOnce('client', [], options)
}

/** Builds bench/plain-tldraw into a fresh temp dir, once per process; answers the dir. */
export function buildPlainTldraw(options: BuildOptions = {}): Promise<string> {
  return buildOnce('plain', ['--config', repoPath('bench/plain-tldraw/vite.config.ts')], options)
}

/** Reads `<outDir>/.vite/manifest.json`. */
export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest
}
