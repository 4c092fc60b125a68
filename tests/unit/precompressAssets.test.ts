import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { appBuildPluginNames } from '../support/buildPlugins'
import { precompressAssets, precompressDirectory } from '../../client/build/precompressAssets'
import { acceptedEncodings } from '../../server/http/acceptEncoding'
import { MIN_PRECOMPRESS_BYTES, isPrecompressible } from '../../shared/precompressed'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const TEXT = 'const note = { text: "便利貼", x: 10, y: 20 };\n'.repeat(200)

describe('precompressDirectory (the build writes compressed copies)', () => {
  it('writes .br and .gz next to compressible files, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-canvas-precompress-'))
    dirs.push(dir)
    mkdirSync(join(dir, 'assets', 'nested'), { recursive: true })
    mkdirSync(join(dir, '.vite'))
    const files: Record<string, string | Buffer> = {
      'sw.js': TEXT,
      'assets/board.js': TEXT,
      'assets/board.css': TEXT.replace(/const/g, '.note'),
      'assets/nested/fr.json': JSON.stringify({ text: TEXT }),
      'assets/tiny.js': 'export {}'.padEnd(MIN_PRECOMPRESS_BYTES - 1, ' '),
      'assets/font.woff2': Buffer.alloc(8192, 3),
      'assets/random.svg': randomBytes(4096),
      'index.html': TEXT,
      '.vite/manifest.json': TEXT,
    }
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)

    const summary = await precompressDirectory(dir)

    for (const name of ['sw.js', 'assets/board.js', 'assets/board.css', 'assets/nested/fr.json']) {
      const original = readFileSync(join(dir, name))
      const br = readFileSync(join(dir, `${name}.br`))
      const gz = readFileSync(join(dir, `${name}.gz`))
      expect(brotliDecompressSync(br).equals(original), name).toBe(true)
      expect(gunzipSync(gz).equals(original), name).toBe(true)
      expect(br.length, name).toBeLessThan(original.length / 5)
    }
    // Too small, already compressed, no smaller compressed, HTML the server rewrites, Vite's own folder.
    for (const name of ['assets/tiny.js', 'assets/font.woff2', 'assets/random.svg', 'index.html', '.vite/manifest.json']) {
      expect(existsSync(join(dir, `${name}.br`)) || existsSync(join(dir, `${name}.gz`)), name).toBe(false)
    }
    expect(summary.files).toBe(5)
    expect(summary.compressed.br).toBeGreaterThan(0)
    expect(summary.compressed.br).toBeLessThan(summary.compressed.gzip)
  })

  it('is among the app build’s plugins, for builds only', () => {
    expect(appBuildPluginNames()).toContain('civic-canvas:precompress-assets')
    expect(precompressAssets().apply).toBe('build')
  })

  it.each([
    ['assets/index-a1.js', true],
    ['assets/BoardPage-c2.css', true],
    ['assets/fr-x1.json', true],
    ['sw.js', true],
    ['favicon.svg', true],
    ['assets/noto-sans-tc-400.woff', false],
    ['assets/font.woff2', false],
    ['assets/icon.png', false],
    ['index.html', false],
    ['assets/board.js.br', false],
  ])('%s compressible: %s', (file, expected) => {
    expect(isPrecompressible(file)).toBe(expected)
  })

})

describe('acceptedEncodings (Accept-Encoding)', () => {
  const known = ['br', 'gzip'] as const
  it.each<[string | string[] | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['gzip, deflate', ['gzip']],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['BR;q=1.0, GZIP;q=0.8', ['br', 'gzip']],
    ['br;q=0, gzip', ['gzip']],
    ['gzip;q=0.000', []],
    ['*', ['br', 'gzip']],
    ['*;q=0.1, gzip;q=0', ['br']],
    ['identity', []],
    [['gzip', 'br'], ['br', 'gzip']],
  ])('%j → %j', (header, expected) => {
    expect([...acceptedEncodings(header, known)].sort()).toEqual([...expected].sort())
  })
})
