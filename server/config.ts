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
}

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
}

type IntegerKey =
  | 'port'
  | 'maxPayloadBytes'
  | 'compactAfterUpdates'
  | 'compactAfterBytes'
  | 'unloadDelayMs'
  | 'pingIntervalMs'
  | 'assetMaxBytes'

const INTEGER_VARS: ReadonlyArray<{ env: string; key: IntegerKey; min: number; max: number }> = [
  { env: 'PORT', key: 'port', min: 0, max: 65535 },
  { env: 'MAX_PAYLOAD_BYTES', key: 'maxPayloadBytes', min: 1024, max: 1024 * MiB },
  { env: 'COMPACT_AFTER_UPDATES', key: 'compactAfterUpdates', min: 1, max: 10_000_000 },
  { env: 'COMPACT_AFTER_BYTES', key: 'compactAfterBytes', min: 1, max: 1024 * MiB },
  { env: 'UNLOAD_DELAY_MS', key: 'unloadDelayMs', min: 0, max: 24 * 3600 * 1000 },
  { env: 'PING_INTERVAL_MS', key: 'pingIntervalMs', min: 100, max: 3600 * 1000 },
  { env: 'ASSET_MAX_BYTES', key: 'assetMaxBytes', min: 1024, max: 1024 * MiB },
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
  return config
}
