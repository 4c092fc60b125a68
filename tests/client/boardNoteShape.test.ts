import { afterEach, describe, expect, it } from 'vitest'
import {
  Box,
  createShapeId,
  defaultShapeUtils,
  Geometry2dFilters,
  Group2d,
  NoteShapeUtil,
  Rectangle2d,
  toRichText,
  Vec,
  type Editor,
  type Geometry2d,
  type TLNoteShape,
  type TLShapeId,
} from 'tldraw'
import { BoardNoteShapeUtil } from '../../client/src/shapes'
import { DeferredGeometry2d } from '../../client/src/shapes/note/DeferredGeometry2d'
import { isNoteNearView, NEAR_VIEW_MARGIN } from '../../client/src/shapes/note/NoteNearView'
import { createBoardStore } from '../../client/src/sync/boardStore'
import { mountHeadlessEditor } from '../support/headlessEditor'

const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
})

/**
 * An editor on the board's note, whose text measurement (jsdom has no layout) answers sizes
 * that grow with the text, and counts how often it is asked.
 */
function boardEditor(): { editor: Editor; measured: () => number } {
  const shapeUtils = [...defaultShapeUtils.filter((util) => util.type !== 'note'), BoardNoteShapeUtil]
  const { editor, dispose } = mountHeadlessEditor({ shapeUtils })
  disposers.push(dispose)
  let calls = 0
  editor.textMeasure.measureHtml = (html, opts) => {
    calls++
    const characters = html.replace(/<[^>]*>/g, '').length
    const maxWidth = opts.maxWidth ?? 1000
    const w = Math.min(maxWidth, characters * opts.fontSize * 0.6)
    const lines = Math.max(1, Math.ceil((characters * opts.fontSize * 0.6) / maxWidth))
    return { x: 0, y: 0, w, h: lines * opts.fontSize * 1.35, scrollWidth: w }
  }
  return { editor, measured: () => calls }
}

interface NoteCase {
  text: string
  scale?: number
  growY?: number
  align?: TLNoteShape['props']['align']
  verticalAlign?: TLNoteShape['props']['verticalAlign']
}

const CASES: readonly NoteCase[] = [
  { text: '' },
  { text: '申請流程太複雜' },
  { text: 'Long wait at the counter, and nobody explains which form comes first', scale: 0.5 },
  { text: '民眾不知道要帶哪些文件，來回跑了三趟才辦好', growY: 120, verticalAlign: 'start' },
  { text: 'Short', align: 'end', verticalAlign: 'end', scale: 2 },
  { text: 'Start aligned', align: 'start' },
]

/** Puts notes into the store as a remote change, as the board's binding does. */
function putNotes(editor: Editor, cases: readonly NoteCase[]): TLShapeId[] {
  const pageId = editor.getCurrentPageId()
  const notes = cases.map((c, i) => {
    const id = createShapeId(`note-${i}`)
    const base = editor.getShapeUtil('note').getDefaultProps() as TLNoteShape['props']
    const note: TLNoteShape = {
      ...editor.store.schema.types.shape.create({ id, type: 'note', parentId: pageId, index: `a${i + 1}` as never, x: i * 250, y: 0 }),
      type: 'note',
      props: {
        ...base,
        richText: toRichText(c.text),
        scale: c.scale ?? 1,
        growY: c.growY ?? 0,
        align: c.align ?? 'middle',
        verticalAlign: c.verticalAlign ?? 'middle',
      },
    } as TLNoteShape
    return note
  })
  editor.store.mergeRemoteChanges(() => editor.store.put(notes))
  return notes.map((note) => note.id)
}

/** tldraw's own geometry for the note, label measured at once. */
function tldrawGeometry(editor: Editor, id: TLShapeId): Group2d {
  const util = editor.getShapeUtil('note')
  return NoteShapeUtil.prototype.getGeometry.call(util, editor.getShape<TLNoteShape>(id)!)
}

function labelOf(geometry: Geometry2d): Geometry2d {
  const label = (geometry as Group2d).children.find((child) => child.isLabel)
  if (!label) throw new Error('no label part')
  return label
}

describe("the board's note", () => {
  it('is tldraw\'s note: same type, props and migrations, so the records are plain tldraw notes', () => {
    expect(BoardNoteShapeUtil.type).toBe('note')
    expect(BoardNoteShapeUtil.props).toBe(NoteShapeUtil.props)
    expect(BoardNoteShapeUtil.migrations).toBe(NoteShapeUtil.migrations)
    const { store } = createBoardStore({ currentUser: { get: () => null } as never, shapeUtils: [BoardNoteShapeUtil] })
    expect(store.schema.serialize()).toEqual(createBoardStore({ currentUser: { get: () => null } as never }).store.schema.serialize())
  })

  it('loads and places notes without measuring a single label, with the bounds tldraw gives them', () => {
    const { editor, measured } = boardEditor()
    const ids = putNotes(editor, CASES)
    // What tldraw's spatial index asks of every shape as a board loads.
    const inView = editor.getShapeIdsInsideBounds(editor.getViewportPageBounds())
    const bounds = ids.map((id) => editor.getShapePageBounds(id)!)
    expect(inView.size).toBeGreaterThan(0)
    expect(measured()).toBe(0)
    for (const [i, id] of ids.entries()) {
      const expected = tldrawGeometry(editor, id).bounds
      expect(bounds[i]!.w).toBeCloseTo(expected.w, 6)
      expect(bounds[i]!.h).toBeCloseTo(expected.h, 6)
    }
    expect(measured()).toBeGreaterThan(0)
  })

  it.each(CASES.map((c, i) => [i, c] as const))('answers about the label of note %i exactly as tldraw does, measured on first use', (i, c) => {
    const { editor, measured } = boardEditor()
    const ids = putNotes(editor, CASES)
    const id = ids[i]!
    const label = labelOf(editor.getShapeGeometry(id))
    expect(measured()).toBe(0)
    const bounds = label.getBounds()
    // An empty label is never measured, by tldraw either.
    expect(measured() > 0).toBe(c.text !== '')
    const afterOurs = measured()
    const theirs = labelOf(tldrawGeometry(editor, id))
    // tldraw's own geometry found the size our label measured in its cache: the same measurement.
    expect(measured()).toBe(afterOurs)
    expect(bounds).toEqual(theirs.getBounds())
    expect(label.getVertices(Geometry2dFilters.INCLUDE_ALL)).toEqual(theirs.getVertices(Geometry2dFilters.INCLUDE_ALL))
    expect(label.getSvgPathData(true)).toBe(theirs.getSvgPathData(true))
    expect(label.area).toBeCloseTo(theirs.area, 6)
    expect(label.length).toBeCloseTo(theirs.length, 6)
    for (const point of [theirs.bounds.center, new Vec(-5, -5), new Vec(theirs.bounds.maxX + 3, theirs.bounds.midY)]) {
      expect(label.hitTestPoint(point, 2, true)).toBe(theirs.hitTestPoint(point, 2, true))
      expect(label.distanceToPoint(point)).toBeCloseTo(theirs.distanceToPoint(point), 6)
      expect(label.nearestPoint(point)).toEqual(theirs.nearestPoint(point))
    }
    // The same flags, so filters (labels left out of hit tests by default) treat it alike.
    for (const flag of ['isLabel', 'isFilled', 'isClosed', 'excludeFromShapeBounds'] as const) expect(label[flag]).toBe(theirs[flag])
  })

  it('finds a note by its label, as tldraw does', () => {
    const { editor } = boardEditor()
    const [id] = putNotes(editor, [{ text: '服務藍圖' }])
    const labelCenter = labelOf(tldrawGeometry(editor, id!)).bounds.center
    const point = editor.getShapePageTransform(id!).applyToPoint(labelCenter)
    expect(editor.getShapeAtPoint(point, { hitLabels: true })?.id).toBe(id)
  })
})

describe('a deferred geometry', () => {
  function counted(): { deferred: DeferredGeometry2d; builds: () => number } {
    let builds = 0
    const deferred = new DeferredGeometry2d(
      () => {
        builds++
        return new Rectangle2d({ x: 10, y: 20, width: 30, height: 40, isFilled: true, isLabel: true, excludeFromShapeBounds: true })
      },
      { isFilled: true, isLabel: true, excludeFromShapeBounds: true },
    )
    return { deferred, builds: () => builds }
  }

  it('is built by the first question about it, and once', () => {
    const { deferred, builds } = counted()
    expect(deferred.isBuilt).toBe(false)
    expect(deferred.getBounds().toJson()).toEqual({ x: 10, y: 20, w: 30, h: 40 })
    expect(deferred.hitTestPoint(new Vec(25, 40), 0, true)).toBe(true)
    expect(deferred.hitTestPoint(new Vec(0, 0), 0, true)).toBe(false)
    expect(deferred.isBuilt).toBe(true)
    expect(builds()).toBe(1)
  })

  it("is not built for a group's bounds when it is kept out of them", () => {
    const { deferred, builds } = counted()
    const group = new Group2d({ children: [new Rectangle2d({ width: 200, height: 200, isFilled: true }), deferred] })
    expect(group.bounds.toJson()).toEqual({ x: 0, y: 0, w: 200, h: 200 })
    expect(group.hitTestPoint(new Vec(100, 100), 0, true)).toBe(true)
    expect(builds()).toBe(0)
  })
})

describe('which notes are drawn in full', () => {
  // The viewport of a headless editor; notes are placed relative to it.
  const CASES: readonly { name: string; at: (view: { x: number; y: number; w: number; h: number }) => { x: number; y: number }; select?: boolean; edit?: boolean; near: boolean }[] = [
    { name: 'in view', at: (v) => ({ x: v.x + 10, y: v.y + 10 }), near: true },
    { name: 'overlapping the view’s right edge', at: (v) => ({ x: v.x + v.w - 50, y: v.y }), near: true },
    { name: 'within the margin to the right', at: (v) => ({ x: v.x + v.w + v.w * NEAR_VIEW_MARGIN * 0.5, y: v.y }), near: true },
    { name: 'within the margin above', at: (v) => ({ x: v.x, y: v.y - v.h * NEAR_VIEW_MARGIN * 0.5 - 200 }), near: true },
    { name: 'beyond the margin to the right', at: (v) => ({ x: v.x + v.w + v.w * NEAR_VIEW_MARGIN + 10, y: v.y }), near: false },
    { name: 'far below', at: (v) => ({ x: v.x, y: v.y + v.h * 5 }), near: false },
    { name: 'far away but selected', at: (v) => ({ x: v.x + v.w * 10, y: v.y }), select: true, near: true },
    { name: 'far away but being edited', at: (v) => ({ x: v.x - v.w * 10, y: v.y }), edit: true, near: true },
  ]

  it.each(CASES)('a note $name: near = $near', ({ at, select, edit, near }) => {
    const { editor } = boardEditor()
    // jsdom lays nothing out: give the editor a workshop laptop's canvas.
    editor.updateViewportScreenBounds(new Box(0, 0, 1280, 800))
    const view = editor.getViewportPageBounds()
    expect(view.w).toBe(1280)
    const id = createShapeId('placed')
    editor.createShape({ id, type: 'note', ...at(view), props: { richText: toRichText('便利貼') } })
    if (select) editor.select(id)
    else editor.selectNone()
    if (edit) editor.setEditingShape(id)
    expect(isNoteNearView(editor, id)).toBe(near)
  })
})
