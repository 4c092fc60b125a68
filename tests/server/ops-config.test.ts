import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, DEFAULT_CONFIG, loadConfig } from '../../server/config'

const SECRET = 's'.repeat(40)

describe('configuration of scale-out and operations', () => {
  it('reads the scale-out, logging and limit variables', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://canvas@db:5432/canvas',
        DATABASE_SCHEMA: 'workshops',
        REDIS_URL: 'redis://cache:6379',
        REDIS_CHANNEL_PREFIX: 'county-a:',
        TOKEN_SECRET: SECRET,
        LOG_LEVEL: 'warn',
        RATE_MESSAGES_PER_SECOND: '50',
        RATE_BYTES_PER_SECOND: '65536',
        MAX_CONNECTIONS_PER_BOARD: '60',
        MAX_BOARDS: '40',
        MAX_DOCUMENT_BYTES: '2048',
        SHUTDOWN_TIMEOUT_MS: '3000',
      }),
    ).toMatchObject({
      databaseUrl: 'postgres://canvas@db:5432/canvas',
      databaseSchema: 'workshops',
      redisUrl: 'redis://cache:6379',
      redisChannelPrefix: 'county-a:',
      logLevel: 'warn',
      rateMessagesPerSecond: 50,
      rateBytesPerSecond: 65536,
      maxConnectionsPerBoard: 60,
      maxBoards: 40,
      maxDocumentBytes: 2048,
      shutdownTimeoutMs: 3000,
    })
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, redisUrl: null, logLevel: 'info', databaseSchema: 'public' })
    expect(CONFIG_VARIABLES).toEqual(expect.arrayContaining(['PORT', 'ASSET_MAX_BYTES', 'TOKEN_SECRET', 'ALLOWED_ORIGINS', 'DATABASE_URL', 'LOG_LEVEL']))
    expect(CONFIG_VARIABLES).toHaveLength(Object.keys(DEFAULT_CONFIG).length)
  })

  it.each([
    [{ DATABASE_URL: 'postgres://db/x' }, /DATABASE_URL and REDIS_URL go together/],
    [{ REDIS_URL: 'redis://cache' }, /DATABASE_URL and REDIS_URL go together/],
    [{ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://cache' }, /TOKEN_SECRET is required in scale-out mode/],
    [{ DATABASE_URL: 'mysql://db/x', REDIS_URL: 'redis://c', TOKEN_SECRET: SECRET }, /DATABASE_URL is invalid: expected a URL starting with postgres:\/\/ or postgresql:\/\//],
    [{ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'cache:6379', TOKEN_SECRET: SECRET }, /REDIS_URL is invalid: expected a URL starting with redis:\/\//],
    [{ DATABASE_SCHEMA: 'Board-Data' }, /DATABASE_SCHEMA="Board-Data" is invalid: expected lower-case letters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" is invalid: expected one of debug, info, warn, error/],
    [{ RATE_MESSAGES_PER_SECOND: '0' }, /RATE_MESSAGES_PER_SECOND="0" is invalid: expected a whole number from 1/],
    [{ MAX_DOCUMENT_BYTES: '1MB' }, /MAX_DOCUMENT_BYTES="1MB" is invalid/],
    [{ SHUTDOWN_TIMEOUT_MS: '5' }, /SHUTDOWN_TIMEOUT_MS="5" is invalid: expected a whole number from 100/],
  ])('rejects %o naming the variable and what it expects', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('names every bad variable at once and never echoes a database password', () => {
    let message = ''
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://admin:hunter2@db/x', REDIS_URL: 'redis://c', TOKEN_SECRET: SECRET })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message.split('\n')).toHaveLength(3)
    expect(message).toMatch(/^PORT=/m)
    expect(message).toMatch(/^LOG_LEVEL=/m)
    expect(message).toMatch(/^DATABASE_URL is invalid/m)
    expect(message).not.toContain('hunter2')
  })

  it('stops the server at start-up with exit code 2 and a log line naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'chatty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += String(chunk)))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    const line = JSON.parse(out.trim().split('\n')[0]!) as Record<string, unknown>
    expect(line).toMatchObject({ level: 'error', msg: 'invalid configuration' })
    expect(line.error).toMatch(/LOG_LEVEL="chatty" is invalid: expected one of debug, info, warn, error/)
  })
})
