import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { rawRequest } from './support/rawHttp'
import { createTestBoard, docUrl } from './support/boards'
import { newBoardId, startTestServer } from './support/testServer'

describe('websocket upgrade', () => {
  it.each([
    ['too short', '/ws/abc'],
    ['empty', '/ws/'],
    ['dot-dot', '/ws/..'],
    ['encoded traversal', '/ws/..%2F..%2Fetc%2Fpasswd'],
    ['a slash inside', '/ws/abcdefghijklmnop/qrstuvwx'],
    ['a dot', '/ws/abcdefghijklmnop.qrs'],
    ['a control character', '/ws/abcdefghijklmnop%00qrs'],
    ['non-ASCII', '/ws/abcdefghijklmnop%E7%97%9B'],
    ['65 characters', `/ws/${'a'.repeat(65)}`],
  ])('refuses a board id that is %s with 400 and creates no room', async (_name, path) => {
    const server = await startTestServer()
    const answer = await rawRequest(server.port, path, { upgrade: true })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatch(/Invalid board id: expected 16 to 64 characters/)
    expect(server.registry.size).toBe(0)
  })

  it('refuses a raw control character in the request line with 400 (Node rejects it before us)', async () => {
    const server = await startTestServer()
    const answer = await rawRequest(server.port, '/ws/abcdefghijklm\tnopqrs', { upgrade: true })
    expect(answer.status).toBe(400)
    expect(server.registry.size).toBe(0)
  })

  it.each(['/', '/socket', '/wsx/abcdefghijklmnopqrstuv', '/api/boards'])('answers 404 to an upgrade on %s', async (path) => {
    const server = await startTestServer()
    const answer = await rawRequest(server.port, path, { upgrade: true })
    expect(answer.status).toBe(404)
    expect(answer.body).toMatch(/use \/ws\/<boardId>/)
  })

  it('accepts a valid id with a valid token', async () => {
    const server = await startTestServer()
    const { id: board, tokens } = await createTestBoard(server.url)
    const ws = new WebSocket(docUrl(server.wsUrl, board, tokens.viewer))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)))
    })
    ws.close()
    expect(server.registry.room(board)).toBeDefined()
  })

  it('tells a plain HTTP request to /ws to use a websocket', async () => {
    const server = await startTestServer()
    const res = await fetch(`${server.url}/ws/${newBoardId()}`)
    expect(res.status).toBe(426)
  })
})
