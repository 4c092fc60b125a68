/**
 * Origin allowlist for websocket upgrades: a page from another site must not open a board
 * in a participant's browser (cross-site websocket hijacking), whatever token it holds.
 */
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { MemoryPersistence } from '../../server/persistence/memory'
import { isOriginAllowed, parseAllowedOrigins } from '../../server/ws/originCheck'
import { createBoard } from '../reliability-support/boards'
import { faultyPersistence } from '../reliability-support/faultyPersistence'
import { startInProcessServer } from '../reliability-support/inProcessServer'

describe('isOriginAllowed', () => {
  const allowed = ['https://workshop.example.gov.tw']
  it.each([
    ['no Origin (not a browser)', undefined, 'canvas.local:1234', true],
    ['the page’s own origin', 'http://canvas.local:1234', 'canvas.local:1234', true],
    ['own origin, host in other case', 'http://canvas.local:1234', 'Canvas.Local:1234', true],
    ['localhost on another port (vite dev)', 'http://localhost:5173', 'canvas.local:1234', true],
    ['127.0.0.1', 'http://127.0.0.1:8080', 'canvas.local:1234', true],
    ['[::1]', 'http://[::1]:8080', 'canvas.local:1234', true],
    ['a listed origin', 'https://workshop.example.gov.tw', 'canvas.local:1234', true],
    ['another site', 'https://evil.example', 'canvas.local:1234', false],
    ['same host name, other port', 'http://canvas.local:9999', 'canvas.local:1234', false],
    ['listed host over http instead of https', 'http://workshop.example.gov.tw', 'canvas.local:1234', false],
    ['a look-alike host', 'https://workshop.example.gov.tw.evil.example', 'canvas.local:1234', false],
    ['"null" (sandboxed frame, file://)', 'null', 'canvas.local:1234', false],
    ['a non-web scheme', 'chrome-extension://abcdef', 'canvas.local:1234', false],
    ['garbage', '::::', 'canvas.local:1234', false],
  ])('%s → %s', (_name, origin, host, expected) => {
    expect(isOriginAllowed(origin, host, allowed)).toBe(expected)
  })
})

describe('ALLOWED_ORIGINS', () => {
  it('parses a comma-separated list of origins', () => {
    expect(parseAllowedOrigins(' https://a.example , http://10.0.0.5:1234/ ,')).toEqual(['https://a.example', 'http://10.0.0.5:1234'])
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example' }).allowedOrigins).toEqual(['https://a.example'])
    expect(loadConfig({}).allowedOrigins).toEqual([])
  })
  it.each(['a.example', 'https://a.example/path', 'ftp://a.example', 'https://'])('refuses %s with a message naming it', (bad) => {
    expect(() => parseAllowedOrigins(bad)).toThrow(/ALLOWED_ORIGINS entry .* is not an origin/)
  })
})

/** Status of a websocket upgrade sent with `origin`. */
function upgradeWithOrigin(port: number, path: string, origin: string | null): Promise<number> {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...(origin === null ? [] : [`Origin: ${origin}`]),
  ]
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1')
      if (data.includes('\r\n')) {
        socket.destroy()
        resolve(Number(data.split(' ')[1]))
      }
    })
    socket.on('error', reject)
    socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  })
}

describe('websocket upgrades by origin', () => {
  it('refuses pages of other origins with 403 before the token check or any load; admits its own, localhost and listed ones', async () => {
    const storage = faultyPersistence(new MemoryPersistence())
    const server = await startInProcessServer({ persistence: storage.adapter, allowedOrigins: ['https://workshop.example.gov.tw'] })
    const board = await createBoard(server.url)
    const path = `/ws/${board.id}?token=${encodeURIComponent(board.tokens.facilitator)}`
    expect(await upgradeWithOrigin(server.port, path, 'https://evil.example')).toBe(403)
    expect(await upgradeWithOrigin(server.port, `/ws/${board.id}/session?token=x`, 'https://evil.example')).toBe(403)
    expect(await upgradeWithOrigin(server.port, path, 'null')).toBe(403)
    expect(storage.loads).toEqual([])
    expect(server.logs.filter((l) => l.msg === 'websocket refused' && l.fields?.reason === 'origin')).toHaveLength(3)

    expect(await upgradeWithOrigin(server.port, path, `http://127.0.0.1:${server.port}`)).toBe(101)
    expect(await upgradeWithOrigin(server.port, path, 'http://localhost:5173')).toBe(101)
    expect(await upgradeWithOrigin(server.port, path, 'https://workshop.example.gov.tw')).toBe(101)
    expect(await upgradeWithOrigin(server.port, path, null)).toBe(101)
  })
})
