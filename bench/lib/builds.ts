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

/** Builds the client (root vite.config.ts) into a fresh temp dir, once per process; answers the dir. */
export function buildClient(): Promise<string> {
  if (!built.has('client')) built.set('client', viteBuild('client', []))
  return built.get('client')!
}

/** Builds bench/plain-tldraw into a fresh temp dir, once per process; answers the dir. */
export function buildPlainTldraw(): Promise<string> {
  if (!built.has('plain')) built.set('plain', viteBuild('plain', ['--config', repoPath('bench/plain-tldraw/vite.config.ts')]))
  return built.get('plain')!
}

/** Reads `<outDir>/.vite/manifest.json`. */
export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest
}
