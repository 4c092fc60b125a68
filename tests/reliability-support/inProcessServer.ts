import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { startServer, type RunningServer, type StartServerOptions } from '../../server/app'
import type { Logger, LogFields, LogLevel } from '../../server/log'

/** A log line kept by an in-process test server. */
export interface KeptLog {
  level: LogLevel
  msg: string
  fields?: LogFields
}

/** A server started in this process, with its data directory and logs. */
export type InProcessServer = RunningServer & { dataDir: string; wsUrl: string; logs: KeptLog[] }

/** Starts the server in this process on port 0 and a fresh data directory; closed and removed when the test ends. */
export async function startInProcessServer(
  options: StartServerOptions & { dataDir?: string } = {},
): Promise<InProcessServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'civic-canvas-reliability-'))
  const logs: KeptLog[] = []
  const log: Logger = { log: (level, msg, fields) => logs.push({ level, msg, fields }) }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    staticDir: join(dataDir, 'no-client'),
    unloadDelayMs: 200,
    log,
    ...options,
    dataDir,
  })
  onTestFinished(async () => {
    await server.close()
    if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true })
  })
  return Object.assign(server, { dataDir, logs, wsUrl: `ws://127.0.0.1:${server.port}/ws` })
}
