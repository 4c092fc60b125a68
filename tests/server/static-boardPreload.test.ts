import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { boardPreloadLinks, isBoardPagePath } from '../../server/http/boardPreload'
import { startTestServer } from './support/testServer'

const BOARD_ID = 'abcdefghijklmnopqrstuv'

const INDEX = [
  '<!doctype html><html><head><title>共創畫布</title>',
  '<script type="module" crossorigin src="/assets/index-e1.js"></script>',
  '<link rel="modulepreload" crossorigin href="/assets/shared-s1.js">',
  '</head><body><div id="root"></div></body></html>',
].join('\n')

/** A manifest shaped like Vite's for this app: the entry, the lazy board page (tldraw inside), a lazy panel. */
const MANIFEST = {
  'index.html': { file: 'assets/index-e1.js', isEntry: true, imports: ['_shared-s1.js'], dynamicImports: ['src/board/BoardPage.tsx'], css: ['assets/index-c1.css'] },
  '_shared-s1.js': { file: 'assets/shared-s1.js' },
  'src/board/BoardPage.tsx': {
    file: 'assets/BoardPage-b1.js',
    isDynamicEntry: true,
    imports: ['_shared-s1.js', 'index.html', '_tldraw-t1.js', '_sessionDoc-d1.js'],
    dynamicImports: ['src/session/FacilitatorPanel.tsx'],
    css: ['assets/BoardPage-c2.css'],
  },
  '_tldraw-t1.js': { file: 'assets/tldraw-t1.js', imports: ['_shared-s1.js', '_gone-g1.js'] },
  '_gone-g1.js': { file: 'assets/gone-g1.js' },
  '_sessionDoc-d1.js': { file: 'assets/sessionDoc-d1.js', imports: ['_shared-s1.js'] },
  'src/session/FacilitatorPanel.tsx': { file: 'assets/FacilitatorPanel-f1.js', isDynamicEntry: true, imports: ['src/board/BoardPage.tsx'] },
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fake build: every file of the manifest on disk except assets/gone-g1.js (a leftover manifest entry). */
function fakeBuild(withManifest = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'civic-canvas-static-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), INDEX)
  for (const name of ['index-e1.js', 'shared-s1.js', 'BoardPage-b1.js', 'tldraw-t1.js', 'sessionDoc-d1.js', 'FacilitatorPanel-f1.js', 'index-c1.css', 'BoardPage-c2.css']) {
    writeFileSync(join(dir, 'assets', name), '/* built */')
  }
  if (withManifest) {
    mkdirSync(join(dir, '.vite'))
    writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST))
  }
  return dir
}

async function serve(staticDir: string) {
  return startTestServer({ staticDir })
}

describe('board page preloads', () => {
  it('knows board page paths as the client router does', () => {
    expect(isBoardPagePath(`/b/${BOARD_ID}`)).toBe(true)
    expect(isBoardPagePath(`/b/${BOARD_ID}/`)).toBe(true)
    expect(isBoardPagePath('/')).toBe(false)
    expect(isBoardPagePath('/index.html')).toBe(false)
    expect(isBoardPagePath('/b/short')).toBe(false)
    expect(isBoardPagePath(`/b/${BOARD_ID}/more`)).toBe(false)
    expect(isBoardPagePath(`/x/${BOARD_ID}`)).toBe(false)
  })

  it('lists the board chunk, its static imports and CSS that the entry does not load, never lazy panels', () => {
    expect(boardPreloadLinks(MANIFEST)).toEqual([
      { href: '/assets/BoardPage-b1.js', as: 'module' },
      { href: '/assets/tldraw-t1.js', as: 'module' },
      { href: '/assets/gone-g1.js', as: 'module' },
      { href: '/assets/sessionDoc-d1.js', as: 'module' },
      { href: '/assets/BoardPage-c2.css', as: 'style' },
    ])
    const { 'src/board/BoardPage.tsx': _board, ...withoutBoard } = MANIFEST
    expect(boardPreloadLinks(withoutBoard)).toEqual([])
  })

  it('adds modulepreload tags for existing board files to /b/<id> only; the home page stays without tldraw', async () => {
    const server = await serve(fakeBuild())
    const board = await fetch(`${server.url}/b/${BOARD_ID}`)
    expect(board.status).toBe(200)
    expect(board.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(board.headers.get('cache-control')).toBe('no-cache')
    expect(board.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await board.text()
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/BoardPage-b1.js">')
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/tldraw-t1.js">')
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/sessionDoc-d1.js">')
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/BoardPage-c2.css">')
    expect(html).not.toContain('gone-g1') // in the manifest, not on disk
    expect(html).not.toContain('FacilitatorPanel') // lazy inside the board page
    expect(html.match(/shared-s1\.js/g)).toHaveLength(1) // the entry's own preload, not repeated
    expect(html).not.toContain('<script>') // no inline script (the CSP forbids them)
    expect(html.indexOf('BoardPage-b1.js')).toBeLessThan(html.indexOf('</head>'))

    for (const path of ['/', '/index.html', '/some/other/page', '/b/short']) {
      const page = await fetch(`${server.url}${path}`)
      expect(await page.text(), path).toBe(INDEX)
    }
  })

  it('gives the board page its own etag, answers 304 for it, and follows a rebuilt index.html', async () => {
    const dir = fakeBuild()
    const server = await serve(dir)
    const home = await fetch(`${server.url}/`)
    const board = await fetch(`${server.url}/b/${BOARD_ID}`)
    const etag = board.headers.get('etag')!
    expect(etag).toMatch(/-board"$/)
    expect(etag).not.toBe(home.headers.get('etag'))
    expect((await fetch(`${server.url}/b/${BOARD_ID}`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    expect((await fetch(`${server.url}/b/${BOARD_ID}`, { method: 'HEAD' })).headers.get('content-length')).toBe(String(Buffer.byteLength(await board.text())))

    writeFileSync(join(dir, 'index.html'), INDEX.replace('共創畫布', 'Rebuilt'))
    utimesSync(join(dir, 'index.html'), new Date(), new Date(Date.now() + 5_000))
    const rebuilt = await (await fetch(`${server.url}/b/${BOARD_ID}`)).text()
    expect(rebuilt).toContain('Rebuilt')
    expect(rebuilt).toContain('/assets/BoardPage-b1.js')
  })

  it('serves index.html unchanged on board pages when the build has no manifest', async () => {
    const server = await serve(fakeBuild(false))
    expect(await (await fetch(`${server.url}/b/${BOARD_ID}`)).text()).toBe(INDEX)
  })
})
