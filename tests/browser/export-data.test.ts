import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFPage } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { TLRecord } from 'tldraw'
import { parseCsv } from '../../client/src/export/csv'
import { getRecordsMap } from '../../client/src/sync/recordLayout'
import { buildBusArrival } from '../../shared/templates/busArrival'
import { connectOfficialClient } from '../server/support/officialClient'
import { AppServer, launchBrowser, openPerson } from './fixtures'
import { BoardPage } from './boardPage'

let server: AppServer
let browser: Browser
const scratch = mkdtempSync(join(tmpdir(), 'civic-canvas-export-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

const STEPS = ['同理', '定義', '發想', '原型', '測試']

async function openBoard(records?: TLRecord[]): Promise<BoardPage> {
  const boardId = await server.createBoard()
  const board = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
  await board.open(server.url, boardId)
  if (records) {
    const json = JSON.stringify(records)
    await board.page.evaluate((text: string) => {
      window.__civicCanvas!.editor.store.put(JSON.parse(text) as never)
    }, json)
  }
  return board
}

async function openDialog(page: Page) {
  await page.getByTestId('export-button').click()
  await page.getByTestId('export-dialog').waitFor({ state: 'visible' })
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  await openDialog(page)
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId(button).click()])
  const bytes = readFileSync((await file.path())!)
  await page.getByTestId('export-dialog').getByRole('button', { name: /Close|關閉/ }).click()
  return { name: file.suggestedFilename(), bytes }
}

/** The text a PDF page draws, read through its fonts' ToUnicode maps (pdf-lib writes one per font). */
function pageText(page: PDFPage): string {
  const toUnicode = new Map<string, string>()
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict)
  for (const [, ref] of fonts?.entries() ?? []) {
    const font = page.doc.context.lookup(ref, PDFDict)
    const cmap = font.lookup(PDFName.of('ToUnicode'))
    if (!(cmap instanceof PDFRawStream)) continue
    const text = Buffer.from(decodePDFRawStream(cmap).decode()).toString('latin1')
    // pdf-lib writes one bfchar line per glyph: <glyph id> <UTF-16BE code units>.
    for (const line of text.split('\n')) {
      const pair = /^<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>$/.exec(line.trim())
      if (pair) toUnicode.set(pair[1]!.toUpperCase(), String.fromCharCode(...(pair[2]!.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))))
    }
  }
  const contents = page.node.Contents()
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents]
  let text = ''
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue
    const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
    for (const [, hex] of ops.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
      for (const code of hex!.match(/.{4}/g) ?? []) text += toUnicode.get(code.toUpperCase()) ?? '?'
      text += '\n'
    }
  }
  return text
}

describe('data and document exports', () => {
  test('CSV of a known board: BOM, header, every card and step with its lane and stakeholders, Chinese intact', async () => {
    const board = await openBoard(buildBusArrival('exportcsvboard000001', 'zh-tw'))
    await board.page.evaluate(() => window.__civicCanvas!.editor.user.updateUserPreferences({ locale: 'zh-tw' }))
    const { name, bytes } = await download(board.page, 'export-csv')
    expect(name.endsWith('.csv')).toBe(true)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.toString('utf8'))
    const header = rows[0]!
    const col = (label: RegExp) => header.findIndex((h) => label.test(h))
    const text = col(/^(Text|內容)$/)
    const stakeholders = col(/^(Linked stakeholders|關聯利害關係人)$/)
    const lane = col(/^(Row \/ lane|列／泳道)$/)
    expect(Math.min(text, stakeholders, lane)).toBeGreaterThanOrEqual(0)
    expect(rows.every((r) => r.length === header.length)).toBe(true)
    const stepRow = rows.find((r) => r[text] === 'App 顯示公車位置與預估到站時間（每分鐘更新）')!
    expect(stepRow[stakeholders]!.split('; ').sort()).toEqual(['乘客', '民間 App 業者'].sort())
    expect(['前臺', 'Front stage']).toContain(stepRow[lane])
    expect(rows.some((r) => r[text]!.startsWith('乘客\n'))).toBe(true)
    // 6 steps, 6 typed cells, 5 stakeholder cards, 2 texts.
    expect(rows.length - 1).toBe(19)
  })

  test('PDF: a page per step, each carrying its step name as text', async () => {
    const frames = STEPS.map((name, i) => ({
      id: `shape:frame-${i}`, typeName: 'shape', type: 'frame', x: i * 1400, y: 0, rotation: 0, index: `a${i + 1}`, parentId: 'page:page',
      isLocked: false, opacity: 1, meta: {}, props: { w: 1200, h: 800, name, color: 'black' },
    })) as unknown as TLRecord[]
    const board = await openBoard(frames)
    const { name, bytes } = await download(board.page, 'export-pdf')
    expect(name.endsWith('.pdf')).toBe(true)
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(5)
    const [w, h] = [pdf.getPage(0).getWidth(), pdf.getPage(0).getHeight()]
    expect(w).toBeGreaterThan(h)
    expect(pdf.getPages().map((page) => pageText(page).split('\n')[0])).toEqual(STEPS)
    expect(pdf.getKeywords()).toContain('同理')
    // The frame pictures are embedded images, one per page.
    for (const page of pdf.getPages()) {
      const xObjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict)
      expect(xObjects?.entries().length).toBe(1)
    }
  })

  test('.tldr round trip: export, import into a new board, same records', async () => {
    const original = buildBusArrival('exporttldrboard00001', 'zh-tw')
    const board = await openBoard(original)
    const { name, bytes } = await download(board.page, 'export-tldr')
    expect(name.endsWith('.tldr')).toBe(true)
    const file = join(scratch, name)
    writeFileSync(file, bytes)
    const before = board.page.url()
    await openDialog(board.page)
    await board.page.getByTestId('import-file').setInputFiles(file)
    await board.page.waitForURL((url) => url.toString() !== before && url.pathname.startsWith('/b/'), { timeout: 60_000 })
    const url = new URL(board.page.url())
    const newId = url.pathname.split('/')[2]!
    const token = new URLSearchParams(url.hash.slice(1)).get('t') ?? ''
    expect(newId).not.toBe(new URL(before).pathname.split('/')[2])

    const reader = connectOfficialClient(`ws://127.0.0.1:${server.port}/ws`, newId, token)
    await reader.synced
    const stored = getRecordsMap(reader.doc)
    const shapes = original.filter((r) => r.typeName === 'shape' || r.typeName === 'binding')
    for (const record of shapes) {
      const copy = stored.get(record.id)?.toJSON() as Record<string, unknown> | undefined
      expect(copy, record.id).toBeDefined()
      expect(copy!.props).toEqual((record as { props: unknown }).props)
    }
  })

  test('backup and restore: the new board gets its own copy of the images', async () => {
    const board = await openBoard(buildBusArrival('exportbackupboard001', 'en'))
    const oldSrc = await board.page.evaluate(async () => {
      const editor = window.__civicCanvas!.editor
      const canvas = document.createElement('canvas')
      canvas.width = 24
      canvas.height = 24
      canvas.getContext('2d')!.fillRect(0, 0, 12, 12)
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
      await editor.putExternalContent({ type: 'files', files: [new File([blob], 'logo.png', { type: 'image/png' })], point: { x: -400, y: -400 } })
      for (let i = 0; i < 100; i++) {
        const asset = editor.getAssets().find((a) => a.props.src?.includes('/api/assets/'))
        if (asset) return asset.props.src!
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error('the pasted image was not uploaded')
    })
    const { name, bytes } = await download(board.page, 'export-backup')
    expect(name).toMatch(/backup \d{4}-\d{2}-\d{2}\.json$/)
    const backup = JSON.parse(bytes.toString('utf8')) as { civicCanvasBackup: number; files: Record<string, string> }
    expect(backup.civicCanvasBackup).toBe(1)
    expect(Object.keys(backup.files)).toEqual([oldSrc])

    const file = join(scratch, 'backup.json')
    writeFileSync(file, bytes)
    const before = board.page.url()
    await openDialog(board.page)
    await board.page.getByTestId('import-file').setInputFiles(file)
    await board.page.waitForURL((url) => url.toString() !== before && url.pathname.startsWith('/b/'), { timeout: 60_000 })
    const url = new URL(board.page.url())
    const newId = url.pathname.split('/')[2]!
    const reader = connectOfficialClient(`ws://127.0.0.1:${server.port}/ws`, newId, new URLSearchParams(url.hash.slice(1)).get('t') ?? '')
    await reader.synced
    const assets = [...getRecordsMap(reader.doc).values()].map((r) => r.toJSON() as { typeName: string; props: { src?: string } }).filter((r) => r.typeName === 'asset')
    expect(assets).toHaveLength(1)
    const newSrc = assets[0]!.props.src!
    expect(newSrc).toMatch(new RegExp(`/api/assets/${newId}/[0-9a-f]{64}\\.png$`))
    const res = await fetch(new URL(newSrc, server.url))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
  })

  test.each([
    ['truncated JSON', (full: string) => full.slice(0, Math.floor(full.length / 2)), /damaged|損壞/],
    ['a newer file format', (full: string) => full.replace('"tldrawFileFormatVersion":1', '"tldrawFileFormatVersion":9'), /newer version|較新版本/],
    ['not a board file', () => '{"hello":"world"}', /not a tldraw file|不是 tldraw 檔案/],
  ])('a bad import (%s) says what is wrong and changes nothing', async (_name, mangle, message) => {
    const board = await openBoard(buildBusArrival('exportbadboard000001', 'en'))
    const full = JSON.stringify({ tldrawFileFormatVersion: 1, schema: { schemaVersion: 2, sequences: {} }, records: [] })
    const file = join(scratch, `bad-${Date.now()}.tldr`)
    writeFileSync(file, mangle(full))
    const before = { url: board.page.url(), shapes: await board.shapeIds() }
    await openDialog(board.page)
    await board.page.getByTestId('import-file').setInputFiles(file)
    const status = board.page.locator('[data-testid="export-status"][data-state="error"]')
    await status.waitFor({ timeout: 20_000 })
    expect(await status.textContent()).toMatch(message)
    expect(board.page.url()).toBe(before.url)
    expect(await board.shapeIds()).toEqual(before.shapes)
  })

  test('a 100 MB file is refused before it is read', async () => {
    const board = await openBoard()
    const file = join(scratch, 'huge.tldr')
    writeFileSync(file, '')
    truncateSync(file, 100 * 1024 * 1024)
    await openDialog(board.page)
    const created: string[] = []
    board.page.on('request', (req) => req.url().endsWith('/api/boards') && created.push(req.url()))
    await board.page.getByTestId('import-file').setInputFiles(file)
    const status = board.page.locator('[data-testid="export-status"][data-state="error"]')
    await status.waitFor({ timeout: 20_000 })
    expect(await status.textContent()).toMatch(/larger than 50 MB|超過 50 MB/)
    expect(created).toEqual([])
  })
})
