import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { repoPath } from './paths'

/** The servers the relay benchmark compares (issue 8: a–d). */
export type ServerKind = 'ours' | 'reference-leveldb' | 'reference-memory' | 'bare-relay'

export const SERVER_LABELS: Record<ServerKind, string> = {
  ours: '(a) ours, SQLite',
  'reference-leveldb': '(b) @y/websocket-server + LevelDB',
  'reference-memory': '(c) @y/websocket-server, no persistence',
  'bare-relay': '(d) bare relay (floor)',
}

/** Where a client connects for one board: `new WebsocketProvider(serverUrl, room, doc, { params })`. */
export interface BoardAddress {
  serverUrl: string
  room: string
  params: Record<string, string>
}

/** A server running as a child process. */
export interface ServerProcess {
  kind: ServerKind
  pid: number
  port: number
  httpUrl: string
  /** Creates (ours) or names (others) a board and answers how to reach it. */
  createBoard(): Promise<BoardAddress>
  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and, unless `keepData`, deletes its data. */
  stop(options?: { keepData?: boolean }): Promise<void>
  /** The data directory (ours: DATA_DIR, reference: YPERSISTENCE), if any. */
  dataDir: string | null
}

export interface SpawnOptions {
  /** Reuse a port (restarting ours on the same data for a cold start); default a free one. */
  port?: number
  /** Reuse a data directory (ours); default a fresh temp dir. */
  dataDir?: string
  /** STATIC_DIR for ours (the built client). */
  staticDir?: string
  /** Extra environment (e.g. COMPACT_AFTER_UPDATES). */
  env?: Record<string, string>
  /** Extra node flags (e.g. --cpu-prof). */
  nodeFlags?: string[]
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 20_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms. stderr: ${stderr}`)), timeoutMs)
    const onExit = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited with ${code} before it was ready. stderr: ${stderr}`))
    }
    child.once('exit', onExit)
    lines.on('line', (line) => {
      const match = pattern.exec(line)
      if (!match) return
      clearTimeout(timer)
      child.off('exit', onExit)
      resolve(match)
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Starts one of the compared servers as a child process on 127.0.0.1. */
export async function spawnServer(kind: ServerKind, options: SpawnOptions = {}): Promise<ServerProcess> {
  const ownsData = options.dataDir === undefined
  const dataDir = options.dataDir ?? (kind === 'bare-relay' || kind === 'reference-memory' ? null : mkdtempSync(join(tmpdir(), `bench-${kind}-`)))
  const flags = options.nodeFlags ?? []
  let child: ChildProcess
  let port: number
  if (kind === 'ours') {
    child = spawn(process.execPath, [...flags, '--import', 'tsx', repoPath('server/main.ts')], {
      cwd: repoPath(),
      env: {
        ...process.env,
        ...options.env,
        PORT: String(options.port ?? 0),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir!,
        STATIC_DIR: options.staticDir ?? join(dataDir!, 'no-client'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const match = await waitForLine(child, /"msg":"listening".*"port":(\d+)/, 'our server')
    port = Number(match[1])
  } else if (kind === 'bare-relay') {
    child = spawn(process.execPath, [...flags, '--import', 'tsx', repoPath('bench/relay/bareRelay.ts')], {
      cwd: repoPath(),
      env: { ...process.env, ...options.env, PORT: String(options.port ?? 0) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const match = await waitForLine(child, /^bare relay listening on (\d+)/, 'bare relay')
    port = Number(match[1])
  } else {
    port = options.port ?? (await freePort())
    const env: Record<string, string | undefined> = { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) }
    if (kind === 'reference-leveldb') env.YPERSISTENCE = join(dataDir!, 'leveldb')
    else delete env.YPERSISTENCE
    child = spawn(process.execPath, [...flags, repoPath('node_modules/@y/websocket-server/src/server.js')], {
      cwd: repoPath(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await waitForLine(child, /^running at/, `reference server (${kind})`)
  }
  // Keep the pipes flowing: a full stdout pipe would block the server.
  child.stdout?.resume()
  child.stderr?.resume()

  const httpUrl = `http://127.0.0.1:${port}`
  let boards = 0
  return {
    kind,
    pid: child.pid!,
    port,
    httpUrl,
    dataDir,
    async createBoard(): Promise<BoardAddress> {
      if (kind !== 'ours') return { serverUrl: `ws://127.0.0.1:${port}`, room: `bench-board-${++boards}`, params: {} }
      const res = await fetch(`${httpUrl}/api/boards`, { method: 'POST' })
      if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`)
      const body = (await res.json()) as { id: string; tokens?: { facilitator?: string } }
      const token = body.tokens?.facilitator
      return { serverUrl: `ws://127.0.0.1:${port}/ws`, room: body.id, params: token ? { token } : {} }
    },
    async stop(stopOptions = {}) {
      await stopChild(child)
      if (ownsData && dataDir && !stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
