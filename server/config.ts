import { LOG_LEVELS, type LogLevel } from './log'
import { parseAllowedOrigins } from './ws/originCheck'

/** Server settings, read from environment variables (README has the table). */
export interface ServerConfig {
  /** TCP port for HTTP and websockets; 0 picks a free one. */
  port: number
  /** Interface to listen on; 0.0.0.0 opens the server to the local network. */
  host: string
  /** Directory of the SQLite file (created if missing). */
  dataDir: string
  /** Directory of the built client (index.html and assets/). */
  staticDir: string
  /** Largest websocket frame accepted; bigger ones close the socket with 1009. */
  maxPayloadBytes: number
  /** Compact a board once its update log since the last snapshot holds this many updates. */
  compactAfterUpdates: number
  /** ... or this many bytes. */
  compactAfterBytes: number
  /** Unload a board this long after its last client left (after persisting). */
  unloadDelayMs: number
  /** Ping every socket this often; a socket that missed the previous pong is dropped. */
  pingIntervalMs: number
  /** Largest image upload to a board's asset store; bigger ones are refused with 413. */
  assetMaxBytes: number
  /** Secret signing link tokens; null: generated into DATA_DIR/token-secret on first start. */
  tokenSecret: string | null
  /** When set, POST /api/boards needs `Authorization: Bearer <this>`; null: anyone may create boards. */
  boardCreateSecret: string | null
  /** PostgreSQL for scale-out mode (with redisUrl); null: SQLite in dataDir. */
  databaseUrl: string | null
  /** Schema of the PostgreSQL tables. */
  databaseSchema: string
  /** Redis for scale-out mode (with databaseUrl): fans updates and awareness out between instances. */
  redisUrl: string | null
  /** Prefix of the Redis pub/sub channels (one per board). */
  redisChannelPrefix: string
  /** Least severe log level written. */
  logLevel: LogLevel
  /** Frames one connection may send per second (bursts of twice that pass); more closes it with 4504. */
  rateMessagesPerSecond: number
  /** Bytes one connection may send per second; more closes it with 4504. */
  rateBytesPerSecond: number
  /** Connections to one board document; the next one is closed with 4502. */
  maxConnectionsPerBoard: number
  /** Boards loaded in this process; a connection to another board is closed with 4503. */
  maxBoards: number
  /** Stored size of a board document beyond which client updates are refused with 4413. */
  maxDocumentBytes: number
  /** SIGTERM/SIGINT: exit (code 1) if stopping takes longer than this. */
  shutdownTimeoutMs: number
  /** Web origins besides the server's own and localhost whose pages may open board websockets (ALLOWED_ORIGINS). */
  allowedOrigins: string[]
}

/** Shortest accepted TOKEN_SECRET and BOARD_CREATE_SECRET. */
export const MIN_SECRET_LENGTH = 32

const MiB = 1024 * 1024

/** Defaults, documented in the README configuration table. */
export const DEFAULT_CONFIG: ServerConfig = {
  port: 1234,
  host: '127.0.0.1',
  dataDir: './data',
  staticDir: 'dist/client',
  // A reconnecting client sends its offline edits in one frame; 16 MiB fits a day of
  // workshop edits with room to spare while bounding the memory one frame can take.
  maxPayloadBytes: 16 * MiB,
  compactAfterUpdates: 500,
  compactAfterBytes: 4 * MiB,
  unloadDelayMs: 10_000,
  pingIntervalMs: 30_000,
  assetMaxBytes: 10 * MiB,
  tokenSecret: null,
  boardCreateSecret: null,
  databaseUrl: null,
  databaseSchema: 'public',
  redisUrl: null,
  redisChannelPrefix: 'civic-canvas:',
  logLevel: 'info',
  rateMessagesPerSecond: 200,
  rateBytesPerSecond: 8 * MiB,
  maxConnectionsPerBoard: 200,
  maxBoards: 1000,
  maxDocumentBytes: 64 * MiB,
  shutdownTimeoutMs: 10_000,
  allowedOrigins: [],
}

type IntegerKey =
  | 'port'
  | 'maxPayloadBytes'
  | 'compactAfterUpdates'
  | 'compactAfterBytes'
  | 'unloadDelayMs'
  | 'pingIntervalMs'
  | 'assetMaxBytes'
  | 'rateMessagesPerSecond'
  | 'rateBytesPerSecond'
  | 'maxConnectionsPerBoard'
  | 'maxBoards'
  | 'maxDocumentBytes'
  | 'shutdownTimeoutMs'

const INTEGER_VARS: ReadonlyArray<{ env: string; key: IntegerKey; min: number; max: number }> = [
  { env: 'PORT', key: 'port', min: 0, max: 65535 },
  { env: 'MAX_PAYLOAD_BYTES', key: 'maxPayloadBytes', min: 1024, max: 1024 * MiB },
  { env: 'COMPACT_AFTER_UPDATES', key: 'compactAfterUpdates', min: 1, max: 10_000_000 },
  { env: 'COMPACT_AFTER_BYTES', key: 'compactAfterBytes', min: 1, max: 1024 * MiB },
  { env: 'UNLOAD_DELAY_MS', key: 'unloadDelayMs', min: 0, max: 24 * 3600 * 1000 },
  { env: 'PING_INTERVAL_MS', key: 'pingIntervalMs', min: 100, max: 3600 * 1000 },
  { env: 'ASSET_MAX_BYTES', key: 'assetMaxBytes', min: 1024, max: 1024 * MiB },
  { env: 'RATE_MESSAGES_PER_SECOND', key: 'rateMessagesPerSecond', min: 1, max: 1_000_000 },
  { env: 'RATE_BYTES_PER_SECOND', key: 'rateBytesPerSecond', min: 1024, max: 1024 * MiB },
  { env: 'MAX_CONNECTIONS_PER_BOARD', key: 'maxConnectionsPerBoard', min: 1, max: 1_000_000 },
  { env: 'MAX_BOARDS', key: 'maxBoards', min: 1, max: 1_000_000 },
  { env: 'MAX_DOCUMENT_BYTES', key: 'maxDocumentBytes', min: 1024, max: 4096 * MiB },
  { env: 'SHUTDOWN_TIMEOUT_MS', key: 'shutdownTimeoutMs', min: 100, max: 600_000 },
]

/** Reads and validates the configuration; throws an error naming the bad variable and what it expects. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_CONFIG }
  for (const { env: name, key, min, max } of INTEGER_VARS) {
    const raw = env[name]?.trim()
    if (raw === undefined || raw === '') continue
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new Error(`${name}=${JSON.stringify(raw)} is invalid: expected a whole number from ${min} to ${max}.`)
    }
    config[key] = Number(raw)
  }
  const host = env.HOST?.trim()
  if (host !== undefined && host !== '') {
    if (/[\s/]/.test(host)) {
      throw new Error(`HOST=${JSON.stringify(host)} is invalid: expected a host name or IP address such as 127.0.0.1 or 0.0.0.0.`)
    }
    config.host = host
  }
  for (const [name, key] of [
    ['DATA_DIR', 'dataDir'],
    ['STATIC_DIR', 'staticDir'],
  ] as const) {
    const value = env[name]
    if (value === undefined) continue
    if (value.trim() === '') throw new Error(`${name} is empty: expected a directory path, or leave it unset for ${DEFAULT_CONFIG[key]}.`)
    config[key] = value
  }
  for (const [name, key] of [
    ['TOKEN_SECRET', 'tokenSecret'],
    ['BOARD_CREATE_SECRET', 'boardCreateSecret'],
  ] as const) {
    const value = env[name]?.trim()
    if (value === undefined || value === '') continue
    if (value.length < MIN_SECRET_LENGTH) {
      // Never echo a secret, not even a short one, into an error message that may reach a log.
      throw new Error(
        `${name} is too short (${value.length} characters): expected at least ${MIN_SECRET_LENGTH}, ` +
          'e.g. the output of `openssl rand -base64 32`.',
      )
    }
    config[key] = value
  }
  for (const [name, key] of [
    ['DATABASE_URL', 'databaseUrl'],
    ['REDIS_URL', 'redisUrl'],
    ['DATABASE_SCHEMA', 'databaseSchema'],
    ['REDIS_CHANNEL_PREFIX', 'redisChannelPrefix'],
  ] as const) {
    const value = env[name]?.trim()
    if (value) config[key] = value
  }
  if ((config.databaseUrl === null) !== (config.redisUrl === null)) {
    throw new Error('DATABASE_URL and REDIS_URL go together: set both for scale-out mode, or neither for SQLite.')
  }
  const level = env.LOG_LEVEL?.trim()
  if (level) {
    if (!(LOG_LEVELS as readonly string[]).includes(level)) {
      throw new Error(`LOG_LEVEL=${JSON.stringify(level)} is invalid: expected one of ${LOG_LEVELS.join(', ')}.`)
    }
    config.logLevel = level as LogLevel
  }
  const origins = env.ALLOWED_ORIGINS?.trim()
  if (origins) config.allowedOrigins = parseAllowedOrigins(origins)
  return config
}
