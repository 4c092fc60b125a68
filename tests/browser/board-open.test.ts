import { beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { AppServer, launchBrowser, openPerson } from './fixtures'
import { BoardPage } from './boardPage'

// A board opens with the shapes in view first and the rest a moment later
// (client/src/board/BoardCanvas.tsx, bindStoreToDoc's initialShapes: 'on-demand'). Whatever
// the order, the opened board must be the whole board: every record as the doc has it.

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

/** Draws, through Ana's editor, boxes near and far (some in a far frame) and arrows bound across them. */
const DRAW_SPREAD_BOARD = `(() => {
  const editor = window.__civicCanvas.editor
  const shapes = []
  for (let i = 0; i < 24; i++) shapes.push({ id: 'shape:box' + i, type: 'geo', x: (i % 6) * 4000, y: Math.floor(i / 6) * 3000, props: { w: 120, h: 80 } })
  shapes.push({ id: 'shape:frame', type: 'frame', x: 30000, y: 0, props: { w: 600, h: 400 } })
  for (let i = 0; i < 3; i++) shapes.push({ id: 'shape:inner' + i, type: 'geo', parentId: 'shape:frame', x: 40 + i * 150, y: 40, props: { w: 100, h: 100 } })
  for (let i = 0; i < 6; i++) shapes.push({ id: 'shape:arrow' + i, type: 'arrow', x: 60, y: 40, props: { start: { x: 0, y: 0 }, end: { x: 100, y: 100 } } })
  editor.createShapes(shapes)
  const anchor = { normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' }
  const bindings = []
  for (let i = 0; i < 6; i++) {
    bindings.push({ type: 'arrow', fromId: 'shape:arrow' + i, toId: 'shape:box' + i, props: { terminal: 'start', ...anchor } })
    bindings.push({ type: 'arrow', fromId: 'shape:arrow' + i, toId: i < 3 ? 'shape:inner' + i : 'shape:box' + (23 - i), props: { terminal: 'end', ...anchor } })
  }
  editor.createBindings(bindings)
  return editor.getCurrentPageShapes().length
})()`

/**
 * What a browser's store holds against its doc: records that differ, doc records missing from
 * the store, store records missing from the doc (a record made in the store that never reached
 * the board, such as a default page of tldraw's own), shapes, bindings, arrows with both ends
 * bound.
 */
const STORE_AGAINST_DOC = `(() => {
  const { editor, doc } = window.__civicCanvas
  const canon = (x) => Array.isArray(x) ? x.map(canon) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canon(x[k])])) : x
  let differing = 0
  let missing = 0
  doc.getMap('records').forEach((yRecord, id) => {
    const record = editor.store.get(id)
    if (!record) missing++
    else if (JSON.stringify(canon(yRecord.toJSON())) !== JSON.stringify(canon(record))) differing++
  })
  const notInDoc = Object.keys(editor.store.serialize('document')).filter((id) => !doc.getMap('records').has(id)).length
  const arrows = editor.getCurrentPageShapes().filter((shape) => shape.type === 'arrow')
  return {
    differing,
    missing,
    notInDoc,
    shapes: editor.getCurrentPageShapes().length,
    bindings: editor.store.query.records('binding').get().length,
    boundBothEnds: arrows.filter((arrow) => editor.getBindingsFromShape(arrow, 'arrow').length === 2).length,
  }
})()`

describe('opening a board', () => {
  test('a spread-out board with a far frame and bound arrows opens whole, cold and from the local copy', async () => {
    const boardId = await server.createBoard()
    const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
    await ana.open(server.url, boardId)
    await ana.waitForConnectionStatus('connected')
    const drawn = (await ana.page.evaluate(DRAW_SPREAD_BOARD)) as number
    expect(drawn).toBe(34)

    const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
    await ben.open(server.url, boardId)
    await ben.waitForShapeCount(drawn, 10_000)
    const expected = { differing: 0, missing: 0, notInDoc: 0, shapes: drawn, bindings: 12, boundBothEnds: 6 }
    expect(await ben.page.evaluate(STORE_AGAINST_DOC)).toEqual(expected)
    expect(await ben.shapeIds()).toEqual(await ana.shapeIds())

    // Warm: from this browser's local copy, then the server's diff.
    await ben.waitForLocalCopy(boardId, 1)
    await ben.reload()
    await ben.waitForShapeCount(drawn, 10_000)
    expect(await ben.page.evaluate(STORE_AGAINST_DOC)).toEqual(expected)
  })

  test("a board's notes open without their labels measured; a label, once asked for, is where tldraw puts it", async () => {
    const boardId = await server.createBoard()
    const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
    await ana.open(server.url, boardId)
    await ana.waitForConnectionStatus('connected')
    const texts = ['申請流程太複雜', 'Nobody explains which form comes first, so people queue twice and lose a morning', '民眾不知道要帶哪些文件，來回跑了三趟才辦好，希望線上就能先確認清單。'.repeat(4)]
    await ana.page.evaluate(`(() => {
      const editor = window.__civicCanvas.editor;
      ${JSON.stringify(texts)}.forEach((text, i) => editor.createShape({ id: 'shape:note' + i, type: 'note', x: i * 260, y: 0, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } }))
    })()`)
    const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
    await ben.open(server.url, boardId)
    await ben.waitForShapeCount(texts.length, 10_000)
    const labels = (await ben.page.evaluate(`(() => {
      const editor = window.__civicCanvas.editor
      const util = editor.getShapeUtil('note')
      // tldraw's own NoteShapeUtil.getGeometry, the one the board's note defers its label to.
      const tldrawGetGeometry = Object.getPrototypeOf(Object.getPrototypeOf(util)).getGeometry
      return editor.getCurrentPageShapes().map((note) => {
        const label = editor.getShapeGeometry(note).children.find((child) => child.isLabel)
        const builtOnOpen = label.isBuilt
        const center = editor.getShapePageTransform(note).applyToPoint(label.bounds.center)
        const hit = editor.getShapeAtPoint(center, { hitLabels: true })?.id
        const tldraw = tldrawGetGeometry.call(util, note).children.find((child) => child.isLabel).bounds
        return { builtOnOpen, hit: hit === note.id, ours: label.bounds.toJson(), tldraw: tldraw.toJson(), growY: note.props.growY }
      })
    })()`)) as { builtOnOpen: boolean; hit: boolean; ours: object; tldraw: object; growY: number }[]
    expect(labels).toHaveLength(texts.length)
    for (const label of labels) {
      expect(label.builtOnOpen).toBe(false)
      expect(label.hit).toBe(true)
      expect(label.ours).toEqual(label.tldraw)
    }
    // The longest text grew its note on Ana's side (measured there as she typed it), and Ben's
    // label, measured in his browser, is as tall as that note.
    const longest = labels[2]!
    expect(longest.growY).toBeGreaterThan(0)
    expect((longest.ours as { h: number }).h).toBeCloseTo(200 + longest.growY, 0)
  })

  test('notes far from the view are drawn once the view comes near them, and export in full meanwhile', async () => {
    const boardId = await server.createBoard()
    const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
    await ana.open(server.url, boardId)
    await ana.waitForConnectionStatus('connected')
    await ana.page.evaluate(`(() => {
      const editor = window.__civicCanvas.editor;
      const doc = (text) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
      editor.createShape({ id: 'shape:near', type: 'note', x: 100, y: 100, props: { richText: doc('近的便利貼') } })
      editor.createShape({ id: 'shape:far', type: 'note', x: 40000, y: 30000, props: { richText: doc('遠處的便利貼') } })
    })()`)
    const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
    await ben.open(server.url, boardId)
    await ben.waitForShapeCount(2, 10_000)
    await ben.page.evaluate(`void window.__civicCanvas.editor.setCamera({ x: 0, y: 0, z: 1 })`)
    const contentOf = (id: string) =>
      ben.page.evaluate(`document.querySelector('.tl-shape[data-shape-id="${id}"] .tl-note__container')?.textContent ?? null`)
    await ben.page.waitForFunction(`document.querySelector('.tl-shape[data-shape-id="shape:near"] .tl-note__container') !== null`)
    expect(await contentOf('shape:near')).toContain('近的便利貼')
    // tldraw's container for the far note exists; its content is not drawn.
    expect(await ben.page.evaluate(`document.querySelector('.tl-shape[data-shape-id="shape:far"]') !== null`)).toBe(true)
    expect(await contentOf('shape:far')).toBeNull()
    // An export draws every note, near or far.
    const svg = (await ben.page.evaluate(`window.__civicCanvas.editor.getSvgString(['shape:far']).then((result) => result.svg)`)) as string
    expect(svg).toContain('遠處的便利貼')
    // Brought into view, it is drawn, and stays drawn when the view moves away again.
    await ben.page.evaluate(`void window.__civicCanvas.editor.zoomToBounds(window.__civicCanvas.editor.getShapePageBounds('shape:far'), { immediate: true })`)
    await ben.page.waitForFunction(`document.querySelector('.tl-shape[data-shape-id="shape:far"] .tl-note__container') !== null`)
    expect(await contentOf('shape:far')).toContain('遠處的便利貼')
    await ben.page.evaluate(`void window.__civicCanvas.editor.setCamera({ x: 0, y: 0, z: 1 })`)
    await ben.page.waitForTimeout(100)
    expect(await contentOf('shape:far')).toContain('遠處的便利貼')
  })
  test("the board's code and styles arrive compressed, and run", async () => {
    const boardId = await server.createBoard()
    const cleo = new BoardPage((await openPerson(browser, 'Cleo')).page, 'Cleo')
    await cleo.open(server.url, boardId)
    await cleo.waitForConnectionStatus('connected')
    const files = (await cleo.page.evaluate(`performance.getEntriesByType('resource')
      .filter((entry) => /\\/assets\\/.*\\.(js|css)$/.test(new URL(entry.name).pathname))
      .map((entry) => ({ name: entry.name, encoded: entry.encodedBodySize, decoded: entry.decodedBodySize, viaWorker: entry.workerStart > 0 }))`)) as Array<{ name: string; encoded: number; decoded: number; viaWorker: boolean }>
    // What the service worker answered (once it controls the page) arrives decoded from its cache.
    const large = files.filter((file) => file.decoded > 4096 && !file.viaWorker)
    // The entry, tldraw, the board page and their CSS at least.
    expect(large.length).toBeGreaterThanOrEqual(4)
    for (const file of large) expect(file.encoded, file.name).toBeLessThan(file.decoded / 2)
    const sum = (key: 'encoded' | 'decoded') => large.reduce((total, file) => total + file[key], 0)
    expect(sum('encoded')).toBeLessThan(sum('decoded') * 0.4)
  })
})

