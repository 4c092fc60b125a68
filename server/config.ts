import { z } from 'zod'
import { LOG_LEVELS, type LogLevel } from './log'
import type { Durability } from './persistence/adapter'
import { parseAllowedOrigins } from './ws/originCheck'

/** Server settings, read from environment variables (README and docs/scale-out.md have the tables). */
export interface ServerConfig {
  /** TCP port for HTTP and websockets; 0 picks a free one. */
  port: number
  /** Interface to listen on; 0.0.0.0 opens the server to the local network. */
  host: string
  /** Directory of the SQLite file (created if missing). */
  dataDir: string
  /** When storage counts an update as stored, so it may be relayed (Durability in persistence/adapter.ts). */
  durability: Durability
  /** Directory of the built client (index.html and assets/). */
  staticDir: string
  /** Largest websocket frame accepted; bigger ones close the socket with 1009. */
  maxPayloadBytes: number
  /** Compact a board once its update log since the last snapshot holds this many updates (at a quiet moment, see compactQuietMs). */
  compactAfterUpdates: number
  /** ... or, at once, this many bytes. */
  compactAfterBytes: number
  /** A quiet moment: no update for this long. A log ten times compactAfterUpdates long is compacted at once. */
  compactQuietMs: number
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
  durability: 'background',
  staticDir: 'dist/client',
  // A reconnecting client sends its offline edits in one frame; 16 MiB fits a day of
  // workshop edits with room to spare while bounding the memory one frame can take.
  maxPayloadBytes: 16 * MiB,
  compactAfterUpdates: 500,
  compactAfterBytes: 4 * MiB,
  // Compacting a 2 MB board pauses its room for ~50 ms; during a lull nobody waits for it.
  compactQuietMs: 2000,
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
  // Generous for people (a drag sends ~60 updates and ~60 awareness frames a second),
  // tight enough that one runaway client cannot starve a board.
  rateMessagesPerSecond: 200,
  rateBytesPerSecond: 8 * MiB,
  maxConnectionsPerBoard: 200,
  maxBoards: 1000,
  maxDocumentBytes: 64 * MiB,
  shutdownTimeoutMs: 10_000,
  allowedOrigins: [],
}

// Each variable is a zod schema from the raw string (or undefined) to its value. Messages
// name the variable and say what it expects; secrets are never echoed.

/** Unset or blank: the default. */
function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === ''
}

function fail(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message })
  return z.NEVER
}

/** One of `values`. */
function oneOf<T extends string>(name: string, values: readonly T[], fallback: T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T => {
      if (blank(value)) return fallback
      const raw = value!.trim()
      if (!(values as readonly string[]).includes(raw)) {
        return fail(ctx, `${name}=${JSON.stringify(raw)} is invalid: expected one of ${values.join(', ')}.`)
      }
      return raw as T
    })
}

/** A whole number from `min` to `max`. */
function wholeNumber(name: string, min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (blank(value)) return fallback
      const raw = value!.trim()
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        return fail(ctx, `${name}=${JSON.stringify(raw)} is invalid: expected a whole number from ${min} to ${max}.`)
      }
      return Number(raw)
    })
}

/** A directory path; set but empty is a mistake (unset means the default). */
function directory(name: string, fallback: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback
      if (value.trim() === '') return fail(ctx, `${name} is empty: expected a directory path, or leave it unset for ${fallback}.`)
      return value
    })
}

/** A secret of at least MIN_SECRET_LENGTH characters, or null. */
function secret(name: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (blank(value)) return null
      const trimmed = value!.trim()
      if (trimmed.length < MIN_SECRET_LENGTH) {
        return fail(
          ctx,
          `${name} is too short (${trimmed.length} characters): expected at least ${MIN_SECRET_LENGTH}, ` +
            'e.g. the output of `openssl rand -base64 32`.',
        )
      }
      return trimmed
    })
}

/** A URL with one of `schemes`, or null. Echoes only the scheme: the URL may hold a password. */
function serviceUrl(name: string, schemes: readonly string[], example: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (blank(value)) return null
      const trimmed = value!.trim()
      let url: URL | null = null
      try {
        url = new URL(trimmed)
      } catch {
        // reported below
      }
      if (!url || !schemes.includes(url.protocol)) {
        return fail(ctx, `${name} is invalid: expected a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}, e.g. ${example}.`)
      }
      return trimmed
    })
}

/** A string matching `pattern`, or the default. */
function matching(name: string, pattern: RegExp, expected: string, fallback: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (blank(value)) return fallback
      const trimmed = value!.trim()
      if (!pattern.test(trimmed)) return fail(ctx, `${name}=${JSON.stringify(trimmed)} is invalid: expected ${expected}.`)
      return trimmed
    })
}

const ENV = z
  .object({
    PORT: wholeNumber('PORT', 0, 65535, DEFAULT_CONFIG.port),
    HOST: matching('HOST', /^[^\s/]+$/, 'a host name or IP address such as 127.0.0.1 or 0.0.0.0', DEFAULT_CONFIG.host),
    DATA_DIR: directory('DATA_DIR', DEFAULT_CONFIG.dataDir),
    STATIC_DIR: directory('STATIC_DIR', DEFAULT_CONFIG.staticDir),
    DURABILITY: oneOf<Durability>('DURABILITY', ['background', 'before-relay'], DEFAULT_CONFIG.durability),
    MAX_PAYLOAD_BYTES: wholeNumber('MAX_PAYLOAD_BYTES', 1024, 1024 * MiB, DEFAULT_CONFIG.maxPayloadBytes),
    COMPACT_AFTER_UPDATES: wholeNumber('COMPACT_AFTER_UPDATES', 1, 10_000_000, DEFAULT_CONFIG.compactAfterUpdates),
    COMPACT_AFTER_BYTES: wholeNumber('COMPACT_AFTER_BYTES', 1, 1024 * MiB, DEFAULT_CONFIG.compactAfterBytes),
    COMPACT_QUIET_MS: wholeNumber('COMPACT_QUIET_MS', 0, 3600 * 1000, DEFAULT_CONFIG.compactQuietMs),
    UNLOAD_DELAY_MS: wholeNumber('UNLOAD_DELAY_MS', 0, 24 * 3600 * 1000, DEFAULT_CONFIG.unloadDelayMs),
    PING_INTERVAL_MS: wholeNumber('PING_INTERVAL_MS', 100, 3600 * 1000, DEFAULT_CONFIG.pingIntervalMs),
    ASSET_MAX_BYTES: wholeNumber('ASSET_MAX_BYTES', 1024, 1024 * MiB, DEFAULT_CONFIG.assetMaxBytes),
    TOKEN_SECRET: secret('TOKEN_SECRET'),
    BOARD_CREATE_SECRET: secret('BOARD_CREATE_SECRET'),
    DATABASE_URL: serviceUrl('DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://canvas@db.internal:5432/canvas'),
    DATABASE_SCHEMA: matching(
      'DATABASE_SCHEMA',
      /^[a-z_][a-z0-9_]{0,62}$/,
      'lower-case letters, digits and "_", starting with a letter or "_" (at most 63)',
      DEFAULT_CONFIG.databaseSchema,
    ),
    REDIS_URL: serviceUrl('REDIS_URL', ['redis:', 'rediss:'], 'redis://cache.internal:6379'),
    REDIS_CHANNEL_PREFIX: matching('REDIS_CHANNEL_PREFIX', /^\S{1,100}$/, 'up to 100 characters without spaces', DEFAULT_CONFIG.redisChannelPrefix),
    LOG_LEVEL: oneOf<LogLevel>('LOG_LEVEL', LOG_LEVELS, DEFAULT_CONFIG.logLevel),
    RATE_MESSAGES_PER_SECOND: wholeNumber('RATE_MESSAGES_PER_SECOND', 1, 1_000_000, DEFAULT_CONFIG.rateMessagesPerSecond),
    RATE_BYTES_PER_SECOND: wholeNumber('RATE_BYTES_PER_SECOND', 1024, 1024 * MiB, DEFAULT_CONFIG.rateBytesPerSecond),
    MAX_CONNECTIONS_PER_BOARD: wholeNumber('MAX_CONNECTIONS_PER_BOARD', 1, 1_000_000, DEFAULT_CONFIG.maxConnectionsPerBoard),
    MAX_BOARDS: wholeNumber('MAX_BOARDS', 1, 1_000_000, DEFAULT_CONFIG.maxBoards),
    MAX_DOCUMENT_BYTES: wholeNumber('MAX_DOCUMENT_BYTES', 1024, 4096 * MiB, DEFAULT_CONFIG.maxDocumentBytes),
    SHUTDOWN_TIMEOUT_MS: wholeNumber('SHUTDOWN_TIMEOUT_MS', 100, 600_000, DEFAULT_CONFIG.shutdownTimeoutMs),
    ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (blank(value)) return DEFAULT_CONFIG.allowedOrigins
        try {
          return parseAllowedOrigins(value!.trim())
        } catch (error) {
          return fail(ctx, (error as Error).message)
        }
      }),
  })
  .superRefine((env, ctx) => {
    if ((env.DATABASE_URL === null) !== (env.REDIS_URL === null)) {
      fail(ctx, 'DATABASE_URL and REDIS_URL go together: set both for scale-out mode, or neither for SQLite.')
    } else if (env.DATABASE_URL !== null && env.TOKEN_SECRET === null) {
      // A generated secret lives in one instance's DATA_DIR: links from one would fail on the others.
      fail(ctx, 'TOKEN_SECRET is required in scale-out mode (DATABASE_URL and REDIS_URL set): give every instance the same secret, e.g. the output of `openssl rand -base64 32`.')
    }
  })
  .transform(
    (env): ServerConfig => ({
      port: env.PORT,
      host: env.HOST,
      dataDir: env.DATA_DIR,
      staticDir: env.STATIC_DIR,
      durability: env.DURABILITY,
      maxPayloadBytes: env.MAX_PAYLOAD_BYTES,
      compactAfterUpdates: env.COMPACT_AFTER_UPDATES,
      compactAfterBytes: env.COMPACT_AFTER_BYTES,
      compactQuietMs: env.COMPACT_QUIET_MS,
      unloadDelayMs: env.UNLOAD_DELAY_MS,
      pingIntervalMs: env.PING_INTERVAL_MS,
      assetMaxBytes: env.ASSET_MAX_BYTES,
      tokenSecret: env.TOKEN_SECRET,
      boardCreateSecret: env.BOARD_CREATE_SECRET,
      databaseUrl: env.DATABASE_URL,
      databaseSchema: env.DATABASE_SCHEMA,
      redisUrl: env.REDIS_URL,
      redisChannelPrefix: env.REDIS_CHANNEL_PREFIX,
      logLevel: env.LOG_LEVEL,
      rateMessagesPerSecond: env.RATE_MESSAGES_PER_SECOND,
      rateBytesPerSecond: env.RATE_BYTES_PER_SECOND,
      maxConnectionsPerBoard: env.MAX_CONNECTIONS_PER_BOARD,
      maxBoards: env.MAX_BOARDS,
      maxDocumentBytes: env.MAX_DOCUMENT_BYTES,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      allowedOrigins: env.ALLOWED_ORIGINS,
    }),
  )

/** The environment variables the server reads, in documentation order. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ENV.in.shape)

/**
 * Reads and validates the configuration; throws an error naming every bad variable and
 * what it expects (one line each), so start-up stops before anything is opened.
 */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = ENV.safeParse(env)
  if (!result.success) throw new Error(result.error.issues.map((issue) => issue.message).join('\n'))
  return result.data
}
