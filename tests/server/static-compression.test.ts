import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { precompressDirectory } from '../../client/build/precompressAssets'
import { startTestServer } from './support/testServer'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Code that compresses well, as built code does. */
const CHUNK = Array.from({ length: 400 }, (_, i) => `export const note${i} = { text: '便利貼 ${i}', x: ${i * 10} };`).join('\n')

/** A build whose output went through the build's precompression. */
async function compressedBuild(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-canvas-compressed-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>共創畫布</title>')
  writeFileSync(join(dir, 'assets', 'board-b1.js'), CHUNK)
  writeFileSync(join(dir, 'assets', 'font-f1.woff2'), Buffer.alloc(4096, 7))
  await precompressDirectory(dir)
  return dir
}

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A request with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('compressed client files', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    [undefined, undefined],
  ])('Accept-Encoding %s: sent as %s', async (accept, expected) => {
    const server = await startTestServer({ staticDir: await compressedBuild() })
    const answer = await get(`${server.url}/assets/board-b1.js`, accept === undefined ? {} : { 'Accept-Encoding': accept })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-encoding']).toBe(expected)
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(answer.headers['vary']).toBe('Accept-Encoding')
    expect(answer.headers['cache-control']).toContain('immutable')
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    const decoded = expected === 'br' ? brotliDecompressSync(answer.body) : expected === 'gzip' ? gunzipSync(answer.body) : answer.body
    expect(decoded.toString()).toBe(CHUNK)
    if (expected !== undefined) expect(answer.body.length).toBeLessThan(Buffer.byteLength(CHUNK) / 3)
  })

  it('keeps a validator per encoding, and answers 304 only for the one the browser holds', async () => {
    const server = await startTestServer({ staticDir: await compressedBuild() })
    const url = `${server.url}/assets/board-b1.js`
    const br = await get(url, { 'Accept-Encoding': 'br' })
    const gzip = await get(url, { 'Accept-Encoding': 'gzip' })
    const plain = await get(url)
    const etags = [br, gzip, plain].map((answer) => answer.headers['etag'])
    expect(new Set(etags).size).toBe(3)
    expect((await get(url, { 'Accept-Encoding': 'br', 'If-None-Match': String(etags[0]) })).status).toBe(304)
    expect((await get(url, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(etags[0]) })).status).toBe(200)
    const head = await get(url, { 'Accept-Encoding': 'gzip' }, 'HEAD')
    expect(head.headers['content-encoding']).toBe('gzip')
    expect(head.headers['content-length']).toBe(String(gzip.body.length))
    expect(head.body.length).toBe(0)
  })

  it('sends files the build does not compress as they are', async () => {
    const dir = await compressedBuild()
    const server = await startTestServer({ staticDir: dir })
    const font = await get(`${server.url}/assets/font-f1.woff2`, { 'Accept-Encoding': 'br, gzip' })
    expect(font.headers['content-encoding']).toBeUndefined()
    expect(font.headers['vary']).toBeUndefined()
    expect(font.body.length).toBe(4096)
    const page = await get(`${server.url}/`, { 'Accept-Encoding': 'br, gzip' })
    expect(page.headers['content-encoding']).toBeUndefined()
    expect(page.body.toString()).toContain('共創畫布')
  })

  it('never sends a compressed copy older than its file (replaced without a build)', async () => {
    const dir = await compressedBuild()
    const file = join(dir, 'assets', 'board-b1.js')
    writeFileSync(file, 'export const patched = true\n'.repeat(100))
    utimesSync(file, new Date(), new Date(Date.now() + 5_000))
    const server = await startTestServer({ staticDir: dir })
    const answer = await get(`${server.url}/assets/board-b1.js`, { 'Accept-Encoding': 'br, gzip' })
    expect(answer.headers['content-encoding']).toBeUndefined()
    expect(answer.body.toString()).toContain('patched')
  })
})
