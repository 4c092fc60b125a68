import { createReadStream, type Stats } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { PRECOMPRESSED, isPrecompressible } from '../../shared/precompressed'
import { acceptedEncodings } from './acceptEncoding'
import { injectIntoHead, isBoardPagePath, preloadTags, readBoardPreloads } from './boardPreload'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
}

/** Content type for a file name, by extension. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Vite puts content-hashed files under /assets/: they never change, so cache them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else (index.html above all) must be revalidated, so a new build shows at once. */
const REVALIDATE = 'no-cache'

export const CLIENT_NOT_BUILT = 'Client not built: run npm run build'

/**
 * Serves the built client from `staticDir`: existing files with their type and caching,
 * index.html for any other path (client-side routes like /b/<id>), 404 for a missing
 * file under /assets/ (a stale hashed name must not receive HTML), 503 when not built.
 * A board's page (/b/<id>) gets index.html with `<link rel=modulepreload>` tags for the
 * board chunk and its imports (read from the build's manifest), so the browser fetches them
 * alongside the entry instead of after it; every other page gets index.html as built.
 * A file the build also wrote compressed (`.br`, `.gz`: shared/precompressed.ts) is sent
 * compressed to a browser that accepts it.
 */
export function createStaticFiles(staticDir: string) {
  const root = resolve(staticDir)
  // The board page's HTML, for the index.html it was made from (a rebuild changes its etag).
  let boardPage: { from: string; html: Buffer } | null = null

  async function boardPageHtml(index: string, info: Stats): Promise<Buffer> {
    const from = etagOf(info)
    if (boardPage?.from === from) return boardPage.html
    const html = await readFile(index, 'utf8')
    const tags = preloadTags(await readBoardPreloads(root))
    boardPage = { from, html: Buffer.from(injectIntoHead(html, tags)) }
    return boardPage.html
  }

  async function findFile(pathname: string): Promise<string | null> {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return null
    }
    if (decoded.includes('\0')) return null
    const candidate = join(root, decoded)
    if (!isInside(root, candidate)) return null
    try {
      const real = await realpath(candidate)
      const realRoot = await realpath(root)
      if (!isInside(realRoot, real)) return null
      return (await stat(real)).isFile() ? real : null
    } catch {
      return null
    }
  }

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const file = await findFile(pathname)
    if (file) {
      await sendFile(req, res, file, pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE)
      return
    }
    if (pathname.startsWith('/assets/')) {
      sendText(res, 404, `Not found: ${pathname}`)
      return
    }
    const index = await findFile('/index.html')
    if (!index) {
      sendText(res, 503, CLIENT_NOT_BUILT)
      return
    }
    if (isBoardPagePath(pathname)) {
      const info = await stat(index)
      sendBody(req, res, await boardPageHtml(index, info), {
        type: contentTypeFor(index),
        cacheControl: REVALIDATE,
        etag: `W/"${etagOf(info)}-board"`,
        modified: info.mtime,
      })
      return
    }
    await sendFile(req, res, index, REVALIDATE)
  }
}

function etagOf(info: Stats): string {
  return `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`
}

/** An answer from memory, revalidated like index.html. */
function sendBody(req: IncomingMessage, res: ServerResponse, body: Buffer, meta: Validators): void {
  if (!sendValidators(req, res, meta)) return
  res.setHeader('Content-Length', body.length)
  res.end(req.method === 'HEAD' ? undefined : body)
}

interface Validators {
  type: string
  cacheControl: string
  etag: string
  modified: Date
}

/** Sets the type, caching and validator headers; answers 304 (and false) when the client's copy is current. */
function sendValidators(req: IncomingMessage, res: ServerResponse, meta: Validators): boolean {
  res.setHeader('Content-Type', meta.type)
  res.setHeader('Cache-Control', meta.cacheControl)
  res.setHeader('ETag', meta.etag)
  res.setHeader('Last-Modified', meta.modified.toUTCString())
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if (req.headers['if-none-match'] !== meta.etag) return true
  res.statusCode = 304
  res.end()
  return false
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep)
}

const ENCODINGS = PRECOMPRESSED.map(({ encoding }) => encoding)

/** The file to send for `file`: its newest compressed copy the request accepts, else the file itself. */
async function chooseVariant(req: IncomingMessage, file: string, info: Stats): Promise<{ path: string; info: Stats; encoding: string | null }> {
  const accepted = acceptedEncodings(req.headers['accept-encoding'], ENCODINGS)
  for (const { encoding, suffix } of PRECOMPRESSED) {
    if (!accepted.has(encoding)) continue
    const copy = await stat(file + suffix).catch(() => null)
    // A copy older than its file (the file was replaced without a build) is stale.
    if (copy?.isFile() && copy.mtimeMs >= info.mtimeMs) return { path: file + suffix, info: copy, encoding }
  }
  return { path: file, info, encoding: null }
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): Promise<void> {
  const info = await stat(file)
  const compressible = isPrecompressible(file)
  const variant = compressible ? await chooseVariant(req, file, info) : { path: file, info, encoding: null }
  // Caches must keep the encodings apart, and so must the validators.
  if (compressible) res.setHeader('Vary', 'Accept-Encoding')
  const etag = variant.encoding === null ? `W/"${etagOf(info)}"` : `W/"${etagOf(info)}-${variant.encoding}"`
  const fresh = sendValidators(req, res, { type: contentTypeFor(file), cacheControl, etag, modified: info.mtime })
  if (!fresh) return
  if (variant.encoding !== null) res.setHeader('Content-Encoding', variant.encoding)
  res.setHeader('Content-Length', variant.info.size)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(variant.path)
    stream.on('error', () => {
      res.destroy()
      done()
    })
    stream.on('end', done)
    stream.pipe(res)
  })
}

/** A short plain-text answer. */
export function sendText(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(body)
}
