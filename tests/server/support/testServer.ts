import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/app'
import { generateBoardId } from '../../../server/http/routes'
import type { Logger, LogLevel, LogFields } from '../../../server/log'

/** A log line captured by a test server. */
export interface CapturedLog {
  level: LogLevel
  msg: string
  fields?: LogFields
}

/** A server on port 0 with a fresh data dir; closed and removed when the test ends. */
export async function startTestServer(
  options: StartServerOptions = {},
): Promise<RunningServer & { dataDir: string; logs: CapturedLog[]; wsUrl: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-server-'))
  const logs: CapturedLog[] = []
  const log: Logger = { log: (level, msg, fields) => logs.push({ level, msg, fields }) }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: join(dataDir, 'no-client'),
    unloadDelayMs: 200,
    log,
    ...options,
  })
  onTestFinished(async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return Object.assign(server, { dataDir, logs, wsUrl: `ws://127.0.0.1:${server.port}/ws` })
}

/** A fresh random board id. */
export function newBoardId(): string {
  return generateBoardId()
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
