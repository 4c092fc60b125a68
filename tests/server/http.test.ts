import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isValidBoardId } from '../../shared/boardId'
import { rawRequest } from './support/rawHttp'
import { startTestServer } from './support/testServer'

const INDEX = '<!doctype html><title>共創畫布</title><div id="root"></div>'

/** A server whose STATIC_DIR holds a fake build, and a secret file next to (outside) it. */
async function serverWithClient() {
  const server = await startTestServer()
  const staticDir = join(server.dataDir, 'client')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), INDEX)
  writeFileSync(join(staticDir, 'assets', 'x-abc.js'), 'console.log(1)')
  writeFileSync(join(staticDir, 'assets', 'font-abc.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]))
  writeFileSync(join(staticDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(join(server.dataDir, 'secret.txt'), 'TOP SECRET')
  await server.close()
  return startTestServer({ staticDir, dataDir: server.dataDir })
}

describe('HTTP', () => {
  it('answers /healthz', async () => {
    const server = await startTestServer()
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('creates boards with distinct 22-character ids and records them with a creation time', async () => {
    const server = await startTestServer()
    const ids: string[] = []
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/api/boards`, { method: 'POST' })
      expect(res.status).toBe(201)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      const { id, name, template } = (await res.json()) as { id: string; name: string; template: string }
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(isValidBoardId(id)).toBe(true)
      expect([name, template]).toEqual(['', 'blank'])
      ids.push(id)
    }
    expect(ids[0]).not.toBe(ids[1])
    const stored = await server.persistence.getBoard(ids[0]!)
    expect(Date.now() - Date.parse(stored!.createdAt)).toBeLessThan(60_000)
  })

  it('answers unknown API routes and wrong methods with JSON errors', async () => {
    const server = await startTestServer()
    const missing = await fetch(`${server.url}/api/nothing`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: string }).error).toMatch(/No API route/)
    expect((await fetch(`${server.url}/api/boards`)).status).toBe(405)
  })

  it('serves hashed assets as immutable and index.html as no-cache, with their content types', async () => {
    const server = await serverWithClient()
    const js = await fetch(`${server.url}/assets/x-abc.js`)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await js.text()).toBe('console.log(1)')

    const font = await fetch(`${server.url}/assets/font-abc.woff2`)
    expect(font.headers.get('content-type')).toBe('font/woff2')
    const svg = await fetch(`${server.url}/logo.svg`)
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    expect(svg.headers.get('cache-control')).toBe('no-cache')

    const index = await fetch(`${server.url}/`)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toBe(INDEX)

    const again = await fetch(`${server.url}/`, { headers: { 'If-None-Match': index.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('falls back to index.html for client routes, but not for missing assets', async () => {
    const server = await serverWithClient()
    const board = await fetch(`${server.url}/b/abcdefghijklmnopqrstuv`)
    expect(board.status).toBe(200)
    expect(board.headers.get('cache-control')).toBe('no-cache')
    expect(await board.text()).toBe(INDEX)
    expect((await fetch(`${server.url}/assets/gone-123.js`)).status).toBe(404)
  })

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00'])(
    'never serves a file outside STATIC_DIR for %s',
    async (path) => {
      const server = await serverWithClient()
      const answer = await rawRequest(server.port, path)
      expect(answer.body).not.toContain('TOP SECRET')
      expect([200, 400, 404]).toContain(answer.status)
    },
  )

  it('answers 503 with a hint when the client is not built, while the API works', async () => {
    const server = await startTestServer()
    const res = await fetch(`${server.url}/b/abcdefghijklmnopqrstuv`)
    expect(res.status).toBe(503)
    expect(await res.text()).toBe('Client not built: run npm run build')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
