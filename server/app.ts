import { createServer } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createAssetStore } from './assets/assetStore'
import { BoardAccess } from './access/boardAccess'
import { loadTokenSecret, secretFileIsShared, tokenSecretFileIn } from './access/tokenSecret'
import { DEFAULT_CONFIG, type ServerConfig } from './config'
import { createHttpHandler } from './http/routes'
import { createJsonLogger, errorFields, type Logger } from './log'
import type { PersistenceAdapter } from './persistence/adapter'
import { SqlitePersistence, sqliteFileIn } from './persistence/sqlite'
import { RoomRegistry } from './rooms/RoomRegistry'
import { measuredPersistence } from './metrics/measuredPersistence'
import type { ReadinessCheck } from './metrics/opsRoutes'
import { ServerMetrics } from './metrics/serverMetrics'
import { PostgresPersistence } from './persistence/postgres'
import { RedisFanout } from './scaleout/redisFanout'
import { VoteService } from './votes/voteService'
import { attachWebsocketEndpoint } from './ws/websocketEndpoint'

/** Options of startServer: any config field (defaults fill the rest) plus injected parts. */
export type StartServerOptions = Partial<ServerConfig> & {
  /** Storage backend; default: SQLite in `dataDir`. Closed by close(). */
  persistence?: PersistenceAdapter
  /** Log sink; default: JSON lines on stdout. */
  log?: Logger
  /** Scale-out: this instance's id in pub/sub messages (default random). */
  instanceId?: string
}

/** A listening server. */
export interface RunningServer {
  /** The bound port (useful with port 0). */
  port: number
  /** http://host:port */
  url: string
  /** The loaded boards (tests and diagnostics). */
  registry: RoomRegistry
  /** The storage backend (tests read what was really stored). */
  persistence: PersistenceAdapter
  /** Issues and checks board links. */
  access: BoardAccess
  /** Prometheus metrics (GET /metrics). */
  metrics: ServerMetrics
  /** Scale-out: the Redis fan-out, when DATABASE_URL and REDIS_URL are set. */
  fanout: RedisFanout | null
  /** Stops accepting, persists and compacts every loaded board, closes sockets with 1012, closes storage. */
  close(): Promise<void>
}

/** Starts HTTP and the websocket endpoint on one port. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { persistence: injected, log: injectedLog, instanceId, ...overrides } = options
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...definedOnly(overrides) }
  const log = injectedLog ?? createJsonLogger({ level: config.logLevel })
  // Read the secret before opening storage: a bad secret file stops the start with nothing open.
  const tokenSecret = loadTokenSecret(config.tokenSecret, config.dataDir)
  if (tokenSecret.source === 'generated') log.log('info', 'token secret generated', { file: tokenSecretFileIn(config.dataDir) })
  if (tokenSecret.source === 'file' && secretFileIsShared(config.dataDir)) {
    log.log('warn', 'token secret file is readable by other users; run chmod 600 on it', { file: tokenSecretFileIn(config.dataDir) })
  }
  const metrics = new ServerMetrics()
  const scaleOut = injected === undefined && config.databaseUrl !== null && config.redisUrl !== null
  const storage =
    injected ??
    (scaleOut
      ? await PostgresPersistence.open({ connectionString: config.databaseUrl!, schema: config.databaseSchema, durability: config.durability })
      : new SqlitePersistence(sqliteFileIn(config.dataDir), { durability: config.durability }))
  const persistence = measuredPersistence(storage, metrics)
  let fanout: RedisFanout | null = null
  if (scaleOut) {
    try {
      fanout = await RedisFanout.start({ redisUrl: config.redisUrl!, channelPrefix: config.redisChannelPrefix, instanceId, log, metrics })
    } catch (error) {
      await persistence.close()
      throw error
    }
    log.log('info', 'scale-out mode', { instance: fanout.instanceId, schema: config.databaseSchema })
  }
  const access = new BoardAccess(tokenSecret.secret, persistence)

  const registry = new RoomRegistry({
    persistence,
    log,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
    compactQuietMs: config.compactQuietMs,
    unloadDelayMs: config.unloadDelayMs,
    replication: fanout ?? undefined,
    maxDocumentBytes: config.maxDocumentBytes,
  })
  metrics.setSources({ boardsLoaded: () => registry.boardCount })
  // A document id that is no valid board id: the probe reads one empty row set.
  const readiness: ReadinessCheck[] = [{ name: 'storage', check: async () => void (await persistence.readUpdatesAfter('readyz-probe', 0)) }]
  if (fanout) readiness.push({ name: 'redis', check: () => fanout!.ping() })
  const assets = createAssetStore({ dir: join(config.dataDir, 'assets'), maxBytes: config.assetMaxBytes })
  const votes = new VoteService(registry, persistence)
  const server = createServer(
    createHttpHandler({
      persistence,
      registry,
      access,
      votes,
      boardCreateSecret: config.boardCreateSecret,
      staticDir: config.staticDir,
      log,
      assets,
      ops: { metrics, checks: readiness },
    }),
  )
  const endpoint = attachWebsocketEndpoint(server, {
    registry,
    access,
    log,
    maxPayloadBytes: config.maxPayloadBytes,
    pingIntervalMs: config.pingIntervalMs,
    allowedOrigins: config.allowedOrigins,
    metrics,
    limits: {
      messagesPerSecond: config.rateMessagesPerSecond,
      bytesPerSecond: config.rateBytesPerSecond,
      connectionsPerBoard: config.maxConnectionsPerBoard,
      boardsPerProcess: config.maxBoards,
      maxPayloadBytes: config.maxPayloadBytes,
    },
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
    await fanout?.close()
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
    await fanout?.close().catch((error: unknown) => log.log('error', 'closing redis failed', errorFields(error)))
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
    persistence,
    access,
    metrics,
    fanout,
    close: () => (closing ??= close()),
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>
}
