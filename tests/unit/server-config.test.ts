import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, loadConfig } from '../../server/config'

describe('loadConfig', () => {
  // toMatchObject: other settings (scale-out, security) have their own tests below or elsewhere.
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 1234,
      host: '127.0.0.1',
      dataDir: './data',
      durability: 'background',
      staticDir: 'dist/client',
      maxPayloadBytes: 16 * 1024 * 1024,
      compactAfterUpdates: 500,
      compactAfterBytes: 4 * 1024 * 1024,
      compactQuietMs: 2000,
      unloadDelayMs: 10_000,
      pingIntervalMs: 30_000,
      assetMaxBytes: 10 * 1024 * 1024,
      tokenSecret: null,
      boardCreateSecret: null,
    })
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG)
  })

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/canvas',
        STATIC_DIR: '/srv/client',
        DURABILITY: 'before-relay',
        MAX_PAYLOAD_BYTES: '65536',
        COMPACT_AFTER_UPDATES: '50',
        COMPACT_AFTER_BYTES: '1000',
        COMPACT_QUIET_MS: '0',
        UNLOAD_DELAY_MS: '0',
        PING_INTERVAL_MS: '5000',
        ASSET_MAX_BYTES: '2048',
        TOKEN_SECRET: 'a'.repeat(32),
        BOARD_CREATE_SECRET: ` ${'b'.repeat(40)} `,
      }),
    ).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/var/lib/canvas',
      staticDir: '/srv/client',
      durability: 'before-relay',
      maxPayloadBytes: 65536,
      compactAfterUpdates: 50,
      compactAfterBytes: 1000,
      compactQuietMs: 0,
      unloadDelayMs: 0,
      pingIntervalMs: 5000,
      assetMaxBytes: 2048,
      tokenSecret: 'a'.repeat(32),
      boardCreateSecret: 'b'.repeat(40),
    })
  })

  it('treats empty secrets as unset', () => {
    expect(loadConfig({ TOKEN_SECRET: '', BOARD_CREATE_SECRET: '  ' })).toMatchObject({ tokenSecret: null, boardCreateSecret: null })
  })

  it.each(['TOKEN_SECRET', 'BOARD_CREATE_SECRET'])('refuses a short %s without echoing it', (name) => {
    let message = ''
    try {
      loadConfig({ [name]: 'hunter2-but-longer' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(new RegExp(`^${name} is too short \\(18 characters\\): expected at least 32`))
    expect(message).not.toContain('hunter2')
  })

  it('treats empty values as unset for numbers and host', () => {
    expect(loadConfig({ PORT: '', HOST: ' ' }).port).toBe(1234)
  })

  it.each([
    [{ PORT: 'abc' }, /PORT="abc" is invalid: expected a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ PORT: '-1' }, /PORT="-1"/],
    [{ PORT: '12.5' }, /PORT="12.5"/],
    [{ MAX_PAYLOAD_BYTES: '10' }, /MAX_PAYLOAD_BYTES="10" is invalid: expected a whole number from 1024/],
    [{ COMPACT_AFTER_UPDATES: '0' }, /COMPACT_AFTER_UPDATES/],
    [{ COMPACT_AFTER_BYTES: 'lots' }, /COMPACT_AFTER_BYTES/],
    [{ UNLOAD_DELAY_MS: '1e3' }, /UNLOAD_DELAY_MS/],
    [{ PING_INTERVAL_MS: '5' }, /PING_INTERVAL_MS="5" is invalid: expected a whole number from 100/],
    [{ HOST: 'http://x/' }, /HOST="http:\/\/x\/" is invalid: expected a host name or IP address/],
    [{ DATA_DIR: '' }, /DATA_DIR is empty: expected a directory path/],
    [{ STATIC_DIR: '  ' }, /STATIC_DIR is empty/],
    [{ DURABILITY: 'always' }, /DURABILITY="always" is invalid: expected one of background, before-relay/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})
