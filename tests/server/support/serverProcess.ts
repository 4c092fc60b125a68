import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { onTestFinished } from 'vitest'

/** The real server (`node --import tsx server/main.ts`) running as a child process. */
export interface ServerProcess {
  port: number
  wsUrl: string
  /** Every JSON log line printed so far. */
  logs: Array<Record<string, unknown>>
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>
}

/** Spawns the server with PORT=0 on `dataDir` and waits for its "listening" log line. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)))
  const logs: Array<Record<string, unknown>> = []
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not log "listening" within 15 s; stderr: ${stderr}`)), 15_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>
      try {
        entry = JSON.parse(line) as Record<string, unknown>
      } catch {
        return
      }
      logs.push(entry)
      if (entry.msg === 'listening' && typeof entry.port === 'number') {
        clearTimeout(timer)
        resolve(entry.port)
      }
    })
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening; stderr: ${stderr}`)))
  })
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    logs,
    stop(signal) {
      child.kill(signal)
      return exited
    },
  }
}
