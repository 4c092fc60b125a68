import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { AppServer, launchBrowser, openPerson } from './fixtures'
import { BoardPage } from './boardPage'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

const FRAME = { x: 100, y: 100, w: 600, h: 800 }
const PERSONA_NAME = '王小明：申請育兒津貼'

/** A board with one frame holding a persona whose name is Traditional Chinese. */
async function boardWithPersona(): Promise<BoardPage> {
  const boardId = await server.createBoard()
  const board = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
  await board.open(server.url, boardId)
  await board.page.evaluate(
    ({ frame, name }) => {
      const editor = window.__civicCanvas!.editor
      editor.createShapes([
        { id: 'shape:step1' as never, type: 'frame', x: frame.x, y: frame.y, props: { w: frame.w, h: frame.h, name: '同理' } },
        { id: 'shape:persona1' as never, type: 'persona', parentId: 'shape:step1' as never, x: 60, y: 60, props: { name, role: '新手爸媽' } as never },
      ])
    },
    { frame: FRAME, name: PERSONA_NAME },
  )
  return board
}

/** Opens the export dialog, picks `targetLabel` and `scale`, clicks `button`, and answers the downloaded bytes. */
async function exportThroughDialog(page: Page, options: { target?: string; scale?: number; title?: boolean; button: string }): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-button').click()
  const dialog = page.getByTestId('export-dialog')
  await dialog.waitFor({ state: 'visible' })
  if (options.target) await page.getByTestId('export-target').selectOption({ label: options.target })
  if (options.scale) await dialog.locator(`input[name="export-scale"][value="${options.scale}"]`).check()
  if (options.title) await dialog.getByLabel(/Title line|標題列/).check()
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(options.button).click()])
  const bytes = readFileSync((await download.path())!)
  await page.getByTestId('export-status').locator('text=/./').first().waitFor()
  await dialog.getByRole('button', { name: /Close|關閉/ }).click()
  return { name: download.suggestedFilename(), bytes }
}

/** Dark pixels (luminance < 128, opaque) inside a rectangle of the PNG. */
function inkIn(png: PNG, rect: { x: number; y: number; w: number; h: number }): number {
  let ink = 0
  for (let y = rect.y; y < Math.min(png.height, rect.y + rect.h); y++) {
    for (let x = rect.x; x < Math.min(png.width, rect.x + rect.w); x++) {
      const i = (y * png.width + x) * 4
      const lum = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!
      if (png.data[i + 3]! > 200 && lum < 128) ink++
    }
  }
  return ink
}

function pixelsDiffering(a: PNG, b: PNG, rect: { x: number; y: number; w: number; h: number }): number {
  let differing = 0
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const i = (y * a.width + x) * 4
      if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 60) differing++
    }
  }
  return differing
}

describe('picture export', () => {
  test('a frame holding a zh-TW persona exports as a PNG at 2× the frame, with its text drawn', async () => {
    const board = await boardWithPersona()
    const { name, bytes } = await exportThroughDialog(board.page, { target: 'Frame: 同理', scale: 2, button: 'export-png' })
    expect(name).toMatch(/ - 同理 - \d{4}-\d{2}-\d{2}\.png$/)
    const png = PNG.sync.read(bytes)
    expect([png.width, png.height]).toEqual([FRAME.w * 2, FRAME.h * 2])

    // The same export without the name: the name's region must change, so the name was drawn.
    await board.page.evaluate(() => {
      window.__civicCanvas!.editor.updateShape({ id: 'shape:persona1' as never, type: 'persona', props: { name: '' } as never })
    })
    const blank = PNG.sync.read((await exportThroughDialog(board.page, { target: 'Frame: 同理', scale: 2, button: 'export-png' })).bytes)
    const personaTop = { x: 60 * 2, y: 60 * 2, w: 360 * 2, h: 200 * 2 }
    const clipped = { ...personaTop, w: Math.min(personaTop.w, png.width - personaTop.x) }
    expect(pixelsDiffering(png, blank, clipped)).toBeGreaterThan(300)
    expect(inkIn(png, clipped)).toBeGreaterThan(inkIn(blank, clipped))

    // With the title line the picture grows by the line's height, which carries ink.
    const titled = PNG.sync.read((await exportThroughDialog(board.page, { target: 'Frame: 同理', scale: 1, title: true, button: 'export-png' })).bytes)
    expect([titled.width, titled.height]).toEqual([FRAME.w, FRAME.h + 56])
    expect(inkIn(titled, { x: 0, y: 0, w: FRAME.w, h: 56 })).toBeGreaterThan(100)
  })

  test('the SVG carries the bundled font for exactly the characters it needs', async () => {
    const board = await boardWithPersona()
    const { name, bytes } = await exportThroughDialog(board.page, { target: 'Frame: 同理', button: 'export-svg' })
    expect(name.endsWith('.svg')).toBe(true)
    const svg = bytes.toString('utf8')
    expect(svg).toContain(PERSONA_NAME)
    const faces = svg.match(/@font-face\s*\{[^}]*font-family:\s*'Noto Sans TC'[^}]*\}/g) ?? []
    expect(faces.length).toBeGreaterThan(0)
    expect(faces.every((face) => face.includes('data:font/woff2;base64,'))).toBe(true)
    // Only the slices the text uses, not the ~200 tldraw would embed.
    expect(faces.length).toBeLessThan(60)
    expect(svg).not.toMatch(/url\(["']?https?:/)
  })

  test('text in the bundled font differs from a tofu box and from nothing', async () => {
    const board = await boardWithPersona()
    const result = await board.page.evaluate(async (text) => {
      await document.fonts.load(`32px "Noto Sans TC"`, text)
      const draw = (font: string, value: string) => {
        const canvas = document.createElement('canvas')
        canvas.width = 480
        canvas.height = 60
        const ctx = canvas.getContext('2d')!
        ctx.fillStyle = '#fff'
        ctx.fillRect(0, 0, 480, 60)
        ctx.fillStyle = '#000'
        ctx.font = font
        ctx.fillText(value, 4, 44)
        return Array.from(ctx.getImageData(0, 0, 480, 60).data.filter((_, i) => i % 4 === 0))
      }
      const bundled = draw(`32px "Noto Sans TC"`, text)
      // Private-use code points have no glyph anywhere: what a missing font shows (boxes or nothing).
      const tofu = draw(`32px "Noto Sans TC"`, '\uE000'.repeat(Array.from(text).length))
      const ink = (pixels: number[]) => pixels.filter((v) => v < 128).length
      const differ = bundled.filter((v, i) => Math.abs(v - tofu[i]!) > 100).length
      return { bundledInk: ink(bundled), tofuInk: ink(tofu), differ, loaded: document.fonts.check(`32px "Noto Sans TC"`, text) }
    }, PERSONA_NAME)
    expect(result.loaded).toBe(true)
    expect(result.bundledInk).toBeGreaterThan(400)
    expect(result.differ).toBeGreaterThan(400)
  })

  test('pasted images are uploaded to our server, not inlined', async () => {
    const board = await boardWithPersona()
    const src = await board.page.evaluate(async () => {
      const editor = window.__civicCanvas!.editor
      const canvas = document.createElement('canvas')
      canvas.width = 40
      canvas.height = 30
      canvas.getContext('2d')!.fillRect(0, 0, 20, 20)
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
      await editor.putExternalContent({ type: 'files', files: [new File([blob], 'photo.png', { type: 'image/png' })], point: { x: 900, y: 200 } })
      for (let i = 0; i < 100; i++) {
        const asset = editor.getAssets().find((a) => a.type === 'image' && a.props.src && !a.props.src.startsWith('data:'))
        if (asset) return asset.props.src
        await new Promise((r) => setTimeout(r, 50))
      }
      return editor.getAssets().map((a) => a.props.src).join(',')
    })
    expect(src).toMatch(/\/api\/assets\/[A-Za-z0-9_-]+\/[0-9a-f]{64}\.png$/)
    const res = await fetch(new URL(src!, server.url))
    expect(res.headers.get('content-type')).toBe('image/png')
  })
})
