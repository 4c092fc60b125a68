import { afterEach, describe, expect, it } from 'vitest'
import { createShapeId, toRichText, type Editor, type TLNoteShape, type TLShapeId } from 'tldraw'
import { createBlueprintFromJourney, moveStage, removeStage } from '../../client/src/shapes'
import {
  DESIGN_SHAPE_TYPES,
  defaultJourneyMapProps,
  sortedEntries,
  type JourneyMapShape,
  type ServiceBlueprintShape,
} from '../../shared/shapes'
import { bricsAnalysis, bricsChecks, cellRect, geometryOfMap, noteCell, type MapShape } from '../../shared/rules'
import { designShapeUtils, designTools, mountHeadlessEditor } from '../support/headlessEditor'

const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
})

function headlessEditor(): Editor {
  const { editor, dispose } = mountHeadlessEditor({ shapeUtils: designShapeUtils, tools: designTools })
  disposers.push(dispose)
  return editor
}

function map(editor: Editor, id: TLShapeId): MapShape {
  const shape = editor.getShape(id)
  if (!shape) throw new Error(`map ${id} is gone`)
  return shape as MapShape
}

function note(editor: Editor, id: TLShapeId): TLNoteShape {
  const shape = editor.getShape(id)
  if (!shape) throw new Error(`note ${id} is gone`)
  return shape as TLNoteShape
}

/** Drops a note (top-left at an offset inside the cell) onto a map, in page coordinates. */
function dropNote(editor: Editor, mapId: TLShapeId, stageId: string, row: string, text = ''): TLShapeId {
  const m = map(editor, mapId)
  const rect = cellRect(geometryOfMap(m), stageId, row)
  if (!rect) throw new Error(`no cell ${stageId}/${row}`)
  const id = createShapeId()
  editor.createShape({ id, type: 'note', x: m.x + rect.x + 10, y: m.y + rect.y + 10, props: { scale: 0.5, richText: toRichText(text) } })
  return id
}

function stageIds(m: MapShape): string[] {
  return sortedEntries(m.props.stages).map(([id]) => id)
}

describe('each shape with default props', () => {
  it.each(DESIGN_SHAPE_TYPES)('%s is created and passes the store validator', (type) => {
    const editor = headlessEditor()
    const id = createShapeId()
    editor.createShape({ id, type, x: 0, y: 0 })
    const shape = editor.getShape(id)
    expect(shape?.type).toBe(type)
    expect(() => editor.store.schema.validateRecord(editor.store, shape!, 'createRecord', null)).not.toThrow()
    expect(editor.getShapePageBounds(id)!.width).toBeGreaterThan(100)
  })

  it('names a new map\'s stages in the user\'s language', () => {
    const editor = headlessEditor()
    editor.user.updateUserPreferences({ locale: 'zh-tw' })
    const id = createShapeId()
    editor.createShape({ id, type: 'journey-map', x: 0, y: 0 })
    const names = sortedEntries(map(editor, id).props.stages).map(([, s]) => s.name)
    expect(names).toEqual(['發現', '申請', '等待', '取得', '後續'])
  })
})

describe('a note dropped into a journey cell', () => {
  it('belongs to the map, moves with it and stays in its cell', () => {
    const editor = headlessEditor()
    const mapId = createShapeId()
    editor.createShape({ id: mapId, type: 'journey-map', x: 100, y: 100, props: defaultJourneyMapProps('en') })
    const second = stageIds(map(editor, mapId))[1]!
    const noteId = dropNote(editor, mapId, second, 'painPoints', '排隊太久')

    expect(note(editor, noteId).parentId).toBe(mapId)
    expect(noteCell(note(editor, noteId), map(editor, mapId))).toEqual({ stageId: second, row: 'painPoints' })
    const before = editor.getShapePageBounds(noteId)!

    editor.updateShape({ id: mapId, type: 'journey-map', x: 600, y: -250 })

    const after = editor.getShapePageBounds(noteId)!
    expect([after.x - before.x, after.y - before.y]).toEqual([500, -350])
    expect(noteCell(note(editor, noteId), map(editor, mapId))).toEqual({ stageId: second, row: 'painPoints' })
  })

  it('keeps its cell when the map is resized', () => {
    const editor = headlessEditor()
    const mapId = createShapeId()
    editor.createShape({ id: mapId, type: 'journey-map', x: 0, y: 0 })
    const last = stageIds(map(editor, mapId)).at(-1)!
    const noteId = dropNote(editor, mapId, last, 'opportunities')
    editor.resizeShape(mapId, { x: 1.5, y: 0.8 })
    const m = map(editor, mapId)
    expect(m.props.columnWidth).toBeCloseTo(1.5 * 240 + 0.5 * 140 / 5, 0)
    expect(noteCell(note(editor, noteId), m)).toEqual({ stageId: last, row: 'opportunities' })
  })

  it('follows its column when stages are reordered, and is set free when its stage is removed', () => {
    const editor = headlessEditor()
    const mapId = createShapeId()
    editor.createShape({ id: mapId, type: 'journey-map', x: 0, y: 0 })
    const [first, second] = stageIds(map(editor, mapId))
    const inFirst = dropNote(editor, mapId, first!, 'actions')
    const inSecond = dropNote(editor, mapId, second!, 'thoughts')

    moveStage(editor, mapId, first!, 2)
    expect(stageIds(map(editor, mapId)).indexOf(first!)).toBe(2)
    expect(noteCell(note(editor, inFirst), map(editor, mapId))).toEqual({ stageId: first, row: 'actions' })
    expect(noteCell(note(editor, inSecond), map(editor, mapId))).toEqual({ stageId: second, row: 'thoughts' })

    const pageBefore = editor.getShapePageBounds(inSecond)!
    removeStage(editor, mapId, second!)
    expect(map(editor, mapId).props.stages[second!]).toBeUndefined()
    expect(note(editor, inSecond).parentId).toBe(editor.getCurrentPageId())
    expect(editor.getShapePageBounds(inSecond)!.x).toBeCloseTo(pageBefore.x)
    expect(noteCell(note(editor, inFirst), map(editor, mapId))).toEqual({ stageId: first, row: 'actions' })

    editor.undo()
    expect(map(editor, mapId).props.stages[second!]).toBeDefined()
    expect(note(editor, inSecond).parentId).toBe(mapId)
  })
})

describe('linking a blueprint step to a stakeholder', () => {
  function boardWithLink() {
    const editor = headlessEditor()
    const blueprintId = createShapeId()
    editor.createShape({ id: blueprintId, type: 'service-blueprint', x: 0, y: 0 })
    const stage = stageIds(map(editor, blueprintId))[0]!
    const stepId = dropNote(editor, blueprintId, stage, 'frontStage', '線上申請表')
    const stakeholderId = createShapeId()
    editor.createShape({ id: stakeholderId, type: 'stakeholder', x: 2000, y: 0, props: { name: '申請民眾' } })
    const arrowId = createShapeId()
    editor.createShape({ id: arrowId, type: 'arrow', x: 0, y: 0 })
    const anchor = { normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false }
    editor.createBindings([
      { type: 'arrow', fromId: arrowId, toId: stepId, props: { terminal: 'start', ...anchor } },
      { type: 'arrow', fromId: arrowId, toId: stakeholderId, props: { terminal: 'end', ...anchor } },
    ])
    return { editor, stepId, stakeholderId, arrowId }
  }

  it('shows in the analysis and clears the check', () => {
    const { editor, stepId, stakeholderId } = boardWithLink()
    const analysis = bricsAnalysis(editor.store.allRecords())
    expect(analysis.steps.map((s) => [s.id, s.lane, s.text, s.stakeholderIds])).toEqual([
      [stepId, 'frontStage', '線上申請表', [stakeholderId]],
    ])
    expect(bricsChecks(analysis)).toEqual([])
  })

  it.each(['stakeholder', 'step'] as const)('is removed cleanly when the %s is deleted', (end) => {
    const { editor, stepId, stakeholderId, arrowId } = boardWithLink()
    const deleted = end === 'stakeholder' ? stakeholderId : stepId
    editor.markHistoryStoppingPoint('delete one end')
    editor.deleteShapes([deleted])
    // The arrow stays, bound only at its other end; nothing points at the deleted shape.
    const bindings = editor.store.allRecords().filter((r) => r.typeName === 'binding')
    expect(editor.getShape(arrowId)).toBeDefined()
    expect(bindings.map((b) => ('toId' in b ? b.toId : null))).toEqual([end === 'stakeholder' ? stepId : stakeholderId])
    const analysis = bricsAnalysis(editor.store.allRecords())
    expect(analysis.links).toEqual([])
    const kinds = bricsChecks(analysis).map((i) => i.kind)
    expect(kinds).toEqual(end === 'stakeholder' ? ['step-without-stakeholder'] : ['stakeholder-without-step'])

    editor.undo()
    expect(bricsAnalysis(editor.store.allRecords()).links).toHaveLength(1)
  })
})

describe('create blueprint from journey map', () => {
  it('copies the stages and the action notes, and nothing else', () => {
    const editor = headlessEditor()
    const journeyId = createShapeId()
    editor.createShape({ id: journeyId, type: 'journey-map', x: 0, y: 0 })
    const stages = stageIds(map(editor, journeyId))
    dropNote(editor, journeyId, stages[1]!, 'actions', '上網填表')
    dropNote(editor, journeyId, stages[2]!, 'thoughts', '好慢')

    const blueprintId = createBlueprintFromJourney(editor, journeyId)!
    const blueprint = map(editor, blueprintId) as ServiceBlueprintShape
    const journey = map(editor, journeyId) as JourneyMapShape
    expect(sortedEntries(blueprint.props.stages).map(([, s]) => s.name)).toEqual(
      sortedEntries(journey.props.stages).map(([, s]) => s.name)
    )
    expect(blueprint.props.sourceJourneyId).toBe(journeyId)
    const steps = editor.getSortedChildIdsForParent(blueprintId).map((id) => note(editor, id))
    expect(steps).toHaveLength(1)
    const bpStage = sortedEntries(blueprint.props.stages)[1]![0]
    expect(noteCell(steps[0]!, blueprint)).toEqual({ stageId: bpStage, row: 'customerActions' })
    expect(editor.getShapePageBounds(blueprintId)!.y).toBeGreaterThan(editor.getShapePageBounds(journeyId)!.maxY)
  })
})
