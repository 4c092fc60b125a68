import { createServer } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createAssetStore } from './assets/assetStore'
import { DEFAULT_CONFIG, type ServerConfig } from './config'
import { createHttpHandler } from './http/routes'
import { createJsonLogger, errorFields, type Logger } from './log'
import type { PersistenceAdapter } from './persistence/adapter'
import { SqlitePersistence, sqliteFileIn } from './persistence/sqlite'
import { RoomRegistry } from './rooms/RoomRegistry'
import { attachWebsocketEndpoint } from './ws/websocketEndpoint'

/** Options of startServer: any config field (defaults fill the rest) plus injected parts. */
export type StartServerOptions = Partial<ServerConfig> & {
  /** Storage backend; default: SQLite in `dataDir`. Closed by close(). */
  persistence?: PersistenceAdapter
  /** Log sink; default: JSON lines on stdout. */
  log?: Logger
}

/** A listening server. */
export interface RunningServer {
  /** The bound port (useful with port 0). */
  port: number
  /** http://host:port */
  url: string
  /** The loaded boards (tests and diagnostics). */
  registry: RoomRegistry
  /** Stops accepting, persists and compacts every loaded board, closes sockets with 1012, closes storage. */
  close(): Promise<void>
}

/** Starts HTTP and the websocket endpoint on one port. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { persistence: injected, log: injectedLog, ...overrides } = options
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...definedOnly(overrides) }
  const log = injectedLog ?? createJsonLogger()
  const persistence = injected ?? new SqlitePersistence(sqliteFileIn(config.dataDir))

  const registry = new RoomRegistry({
    persistence,
    log,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
    unloadDelayMs: config.unloadDelayMs,
  })
  const assets = createAssetStore({ dir: join(config.dataDir, 'assets'), maxBytes: config.assetMaxBytes })
  const server = createServer(createHttpHandler({ persistence, staticDir: config.staticDir, log, assets }))
  const endpoint = attachWebsocketEndpoint(server, {
    registry,
    log,
    maxPayloadBytes: config.maxPayloadBytes,
    pingIntervalMs: config.pingIntervalMs,
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await endpoint.close()
    await persistence.close()
    throw new Error(
      `Could not listen on ${config.host}:${config.port} (${(error as Error).message}); choose another PORT or HOST.`,
    )
  }
  const port = (server.address() as AddressInfo).port
  const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    const stopped = new Promise<void>((done) => server.close(() => done()))
    await registry.shutdown()
    await endpoint.close()
    server.closeAllConnections()
    await stopped
    try {
      await persistence.close()
    } catch (error) {
      log.log('error', 'closing storage failed', errorFields(error))
    }
    log.log('info', 'stopped', { port })
  }

  return {
    port,
    url: `http://${urlHost}:${port}`,
    registry,
    close: () => (closing ??= close()),
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>
}
