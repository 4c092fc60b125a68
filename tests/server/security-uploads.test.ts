/**
 * Uploads live outside the web root and are typed by their bytes: a stored file can never
 * be served as a page of the app, and no path reaches other files of DATA_DIR. (Type
 * sniffing, size limits, SVG sanitising and upload rights: tests/server/assets-http.test.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createBoard } from '../reliability-support/boards'
import { startInProcessServer } from '../reliability-support/inProcessServer'
import { rawRequest } from './support/rawHttp'

function tinyPng(): Buffer {
  const png = new PNG({ width: 1, height: 1 })
  png.data.fill(90)
  return PNG.sync.write(png)
}

describe('uploaded files', () => {
  it('are stored under DATA_DIR, never under the web root, and no path reaches beyond them', async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'civic-canvas-webroot-'))
    onTestFinished(() => rmSync(staticDir, { recursive: true, force: true }))
    mkdirSync(join(staticDir, 'assets'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
    const server = await startInProcessServer({ staticDir })
    const board = await createBoard(server.url)
    const headers = { authorization: `Bearer ${board.tokens.participant}` }
    const upload = async (body: Buffer | string, type: string) =>
      fetch(`${server.url}/api/boards/${board.id}/assets`, { method: 'POST', headers: { ...headers, 'content-type': type }, body: typeof body === 'string' ? body : Uint8Array.from(body) })

    const stored = await upload(tinyPng(), 'image/png')
    expect(stored.status).toBe(201)
    const { url } = (await stored.json()) as { url: string }
    const file = url.split('/').pop()!
    expect(existsSync(join(server.dataDir, 'assets', board.id, file))).toBe(true)
    expect(relative(staticDir, join(server.dataDir, 'assets')).startsWith('..')).toBe(true)
    expect(readdirSync(join(staticDir, 'assets'))).toEqual([])
    // The web root's /assets/ does not serve it (and never answers a missing file with the app page).
    expect((await fetch(`${server.url}/assets/${file}`)).status).toBe(404)

    // A page disguised as an image is refused and stores nothing.
    const disguised = await upload('<html><script>alert(document.cookie)</script></html>', 'image/png')
    expect(disguised.status).toBe(415)
    expect(readdirSync(join(server.dataDir, 'assets', board.id))).toEqual([file])

    // Nothing else in DATA_DIR is reachable: not the token secret, not the database.
    for (const path of [
      `/api/assets/${board.id}/..%2F..%2Ftoken-secret`,
      `/api/assets/${board.id}/..%2F..%2Fboards.sqlite`,
      `/api/assets/..%2F..%2F/token-secret`,
      `/api/assets/${board.id}/%2e%2e`,
      `/api/assets/${board.id}/${file}%00.html`,
    ]) {
      const answer = await rawRequest(server.port, path)
      expect([400, 404], path).toContain(answer.status)
      expect(answer.body, path).not.toMatch(/SQLite format|^[A-Za-z0-9+/=_-]{32,}$/)
    }
  })
})
