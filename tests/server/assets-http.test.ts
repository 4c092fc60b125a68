import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { bearer, createTestBoard } from './support/boards'
import { startTestServer } from './support/testServer'

/** Participant tokens of the boards created here: uploading needs a link that may edit. */
const uploadTokens = new Map<string, string>()

async function newBoard(base: string): Promise<string> {
  const board = await createTestBoard(base)
  uploadTokens.set(board.id, board.tokens.participant)
  return board.id
}

function auth(boardId: string): Record<string, string> {
  const token = uploadTokens.get(boardId)
  return token ? bearer(token) : {}
}

/** A real 2×2 PNG, so the stored bytes are an image any decoder accepts. */
function tinyPng(): Buffer {
  const png = new PNG({ width: 2, height: 2 })
  png.data.fill(200)
  return PNG.sync.write(png)
}

async function upload(base: string, boardId: string, body: Uint8Array | string, type: string) {
  const res = await fetch(`${base}/api/boards/${boardId}/assets`, { method: 'POST', headers: { 'Content-Type': type, ...auth(boardId) }, body: typeof body === 'string' ? body : Uint8Array.from(body) })
  return { status: res.status, body: (await res.json()) as { url?: string; error?: string } }
}

describe('asset store over HTTP', () => {
  it('stores a PNG under DATA_DIR/assets/<board>/<sha256>.png and serves it back with safe headers', async () => {
    const server = await startTestServer()
    const boardId = await newBoard(server.url)
    const png = tinyPng()
    const answer = await upload(server.url, boardId, png, 'image/png')
    expect(answer.status).toBe(201)
    expect(answer.body.url).toMatch(new RegExp(`^/api/assets/${boardId}/[0-9a-f]{64}\\.png$`))
    const file = answer.body.url!.split('/').pop()!
    expect(readFileSync(join(server.dataDir, 'assets', boardId, file)).equals(png)).toBe(true)

    const res = await fetch(`${server.url}${answer.body.url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/)
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true)

    // The same bytes again land on the same file.
    expect((await upload(server.url, boardId, png, 'image/png')).body.url).toBe(answer.body.url)
    expect(readdirSync(join(server.dataDir, 'assets', boardId))).toEqual([file])
  })

  it('refuses content that is not what its Content-Type claims, with 415 and a clear message', async () => {
    const server = await startTestServer()
    const boardId = await newBoard(server.url)
    const notImage = await upload(server.url, boardId, 'MZ\u0090 this is an executable', 'image/png')
    expect(notImage.status).toBe(415)
    expect(notImage.body.error).toMatch(/not a image\/png image/)
    const wrongType = await upload(server.url, boardId, tinyPng(), 'image/jpeg')
    expect(wrongType.status).toBe(415)
    expect(wrongType.body.error).toMatch(/is image\/png, not image\/jpeg/)
    const gif = await upload(server.url, boardId, 'GIF89a', 'image/gif')
    expect(gif.status).toBe(415)
    expect(existsSync(join(server.dataDir, 'assets', boardId))).toBe(false)
  })

  it('refuses an upload above ASSET_MAX_BYTES with 413, whether announced or streamed', async () => {
    const server = await startTestServer({ assetMaxBytes: 4096 })
    const boardId = await newBoard(server.url)
    const big = Buffer.concat([tinyPng(), Buffer.alloc(8192)])
    const announced = await upload(server.url, boardId, big, 'image/png')
    expect(announced.status).toBe(413)
    expect(announced.body.error).toMatch(/larger than this server accepts/)

    // Without Content-Length (chunked), the limit is enforced while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(tinyPng())
        controller.enqueue(new Uint8Array(8192))
        controller.close()
      },
    })
    const res = await fetch(`${server.url}/api/boards/${boardId}/assets`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', ...auth(boardId) },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(existsSync(join(server.dataDir, 'assets', boardId))).toBe(false)
    // The server still answers afterwards.
    expect((await upload(server.url, boardId, tinyPng(), 'image/png')).status).toBe(201)
  })

  it('sanitises SVG before storing it and serves it with a restrictive CSP', async () => {
    const server = await startTestServer()
    const boardId = await newBoard(server.url)
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="steal()"><script>steal()</script><circle r="4"/></svg>'
    const answer = await upload(server.url, boardId, svg, 'image/svg+xml')
    expect(answer.status).toBe(201)
    expect(answer.body.url).toMatch(/\.svg$/)
    const res = await fetch(`${server.url}${answer.body.url}`)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'")
    const stored = await res.text()
    expect(stored).toContain('<circle r="4"/>')
    expect(stored).not.toMatch(/steal|script|onload/)

    const broken = await upload(server.url, boardId, '<svg><g></svg>', 'image/svg+xml')
    expect(broken.status).toBe(415)
    expect(broken.body.error).toMatch(/closes <svg>|not open/)
  })

  it.each([
    ['unknown file', (id: string) => `/api/assets/${id}/${'a'.repeat(64)}.png`, 404],
    ['name not ours', (id: string) => `/api/assets/${id}/secret.txt`, 404],
    ['traversal in the board id', () => `/api/assets/..%2F..%2Fboards.sqlite/x.png`, 404],
    ['bad board id on upload', () => `/api/boards/bad.id/assets`, 400],
  ])('%s → %i', async (_name, path, status) => {
    const server = await startTestServer()
    const boardId = await newBoard(server.url)
    const method = path(boardId).endsWith('/assets') ? 'POST' : 'GET'
    const res = await fetch(`${server.url}${path(boardId)}`, {
      method,
      ...(method === 'POST' ? { body: Uint8Array.from(tinyPng()), headers: { 'Content-Type': 'image/png', ...auth(boardId) } } : {}),
    })
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('refuses an upload without a token or from a viewer link with 403', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url)
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/boards/${board.id}/assets`, { method: 'POST', headers: { 'Content-Type': 'image/png', ...headers }, body: Uint8Array.from(tinyPng()) })
    expect((await post({})).status).toBe(403)
    expect((await post(bearer(board.tokens.viewer))).status).toBe(403)
    expect((await post(bearer(board.tokens.facilitator))).status).toBe(201)
  })

  it('answers wrong methods with 405', async () => {
    const server = await startTestServer()
    const boardId = await newBoard(server.url)
    expect((await fetch(`${server.url}/api/boards/${boardId}/assets`)).status).toBe(405)
    expect((await fetch(`${server.url}/api/assets/${boardId}/x.png`, { method: 'DELETE' })).status).toBe(405)
  })
})
