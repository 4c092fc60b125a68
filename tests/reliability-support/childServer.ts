import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import WebSocket from 'ws'

/** One JSON log line of the child server. */
export type ServerLogLine = Record<string, unknown> & { msg?: string; level?: string }

/** The real server (`node --import tsx server/main.ts`) as a child process the test can kill. */
export interface ChildServer {
  pid: number
  port: number
  url: string
  wsUrl: string
  /** Every JSON log line printed so far, in order. */
  logs: ServerLogLine[]
  /** Calls `listener` for every later log line; returns an unsubscribe function. */
  onLog(listener: (line: ServerLogLine) => void): () => void
  /** Resolves with the first log line (already printed or later) matching `match`. */
  waitForLog(match: (line: ServerLogLine) => boolean, timeoutMs?: number): Promise<ServerLogLine>
  /** Resident set size of the process in KiB, read from /proc/<pid>/status (Linux). */
  rssKiB(): number
  /**
   * Forces a full garbage collection in the child through the inspector protocol, then
   * reads its memory (spawn with `inspect: true`); the server itself needs no debug route.
   */
  collectGarbage(): Promise<{ heapUsedKiB: number; rssKiB: number }>
  /** True until the process exited. */
  readonly running: boolean
  /** Sends `signal` and resolves with the exit code (null when the signal killed it) once every log line was read. */
  stop(signal: NodeJS.Signals): Promise<number | null>
}

/** Options of spawnChildServer. */
export interface ChildServerOptions {
  dataDir: string
  /** Extra environment (COMPACT_AFTER_UPDATES, UNLOAD_DELAY_MS, ...). */
  env?: Record<string, string>
  /** Extra node flags. */
  nodeArgs?: string[]
  /** Open the inspector on a random loopback port, for collectGarbage(). */
  inspect?: boolean
}

/**
 * Spawns the server with PORT=0 on `dataDir` and resolves once it logged "listening".
 * The caller stops it (a still-running child is SIGKILLed when the test process exits).
 */
export async function spawnChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'],
    {
      cwd: process.cwd(),
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: options.dataDir, STATIC_DIR: '/nonexistent-client', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code
      resolve(code)
    }),
  )
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  void exited.then(() => process.off('exit', killOnExit))

  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)))
  const logs: ServerLogLine[] = []
  const listeners = new Set<(line: ServerLogLine) => void>()
  const lines = createInterface({ input: child.stdout! })
  const stdoutDone = new Promise<void>((resolve) => lines.once('close', () => resolve()))
  lines.on('line', (text) => {
    let line: ServerLogLine
    try {
      line = JSON.parse(text) as ServerLogLine
    } catch {
      return
    }
    logs.push(line)
    for (const listener of listeners) listener(line)
  })
  const onLog = (listener: (line: ServerLogLine) => void) => {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }
  const waitForLog = (match: (line: ServerLogLine) => boolean, timeoutMs = 15_000) =>
    new Promise<ServerLogLine>((resolve, reject) => {
      const seen = logs.find(match)
      if (seen) return resolve(seen)
      const timer = setTimeout(() => {
        off()
        reject(new Error(`server did not print the expected log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`))
      }, timeoutMs)
      const off = onLog((line) => {
        if (!match(line)) return
        clearTimeout(timer)
        off()
        resolve(line)
      })
      void exited.then((code) => {
        clearTimeout(timer)
        off()
        reject(new Error(`server exited (${code}) before the expected log line; stderr: ${stderr.slice(-2000)}`))
      })
    })

  const listening = await waitForLog((line) => line.msg === 'listening' && typeof line.port === 'number', 30_000)
  const port = listening.port as number
  const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1]
  const rssKiB = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    if (!match) throw new Error(`No VmRSS in /proc/${child.pid}/status: is the process still running?`)
    return Number(match[1])
  }
  return {
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    logs,
    onLog,
    waitForLog,
    rssKiB,
    async collectGarbage() {
      if (!inspectorUrl) throw new Error('collectGarbage needs spawnChildServer({ inspect: true }).')
      const heapUsed = await inspectorCall(inspectorUrl, [
        { method: 'HeapProfiler.collectGarbage' },
        { method: 'Runtime.evaluate', params: { expression: 'process.memoryUsage().heapUsed', returnByValue: true } },
      ])
      return { heapUsedKiB: Math.round(Number(heapUsed) / 1024), rssKiB: rssKiB() }
    },
    get running() {
      return exitCode === undefined
    },
    async stop(signal) {
      if (exitCode === undefined) child.kill(signal)
      const code = await exited
      await stdoutDone
      return code
    },
  }
}

/** Sends inspector commands in order on one session; resolves with the last one's result value. */
async function inspectorCall(url: string, commands: Array<{ method: string; params?: unknown }>): Promise<unknown> {
  const ws = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  try {
    let last: unknown
    for (const [id, command] of commands.entries()) {
      last = await new Promise<unknown>((resolve, reject) => {
        const onMessage = (data: Buffer) => {
          const reply = JSON.parse(String(data)) as { id?: number; result?: { result?: { value?: unknown } }; error?: unknown }
          if (reply.id !== id) return
          ws.off('message', onMessage)
          if (reply.error) reject(new Error(`inspector ${command.method} failed: ${JSON.stringify(reply.error)}`))
          else resolve(reply.result?.result?.value)
        }
        ws.on('message', onMessage)
        ws.send(JSON.stringify({ id, ...command }))
      })
    }
    return last
  } finally {
    ws.close()
  }
}
