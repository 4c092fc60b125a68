import {
  createBindingId,
  createShapeId,
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  toRichText,
  type TLSchema,
} from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'
import { getIndices, type IndexKey } from '@tldraw/utils'
import {
  BLUEPRINT_LANES,
  JOURNEY_ROWS,
  defaultJourneyMapProps,
  defaultPersonaProps,
  defaultServiceBlueprintProps,
  defaultStakeholderProps,
  designShapeSchemas,
  keyedListFromTexts,
} from '../../shared/shapes'
import type { PlainRecord } from '../../client/src/sync/recordLayout'

/** The schema of a board: tldraw's default shapes and bindings plus the design-thinking shapes. */
export function boardSchema(): TLSchema {
  return createTLSchema({ shapes: { ...defaultShapeSchemas, ...designShapeSchemas }, bindings: defaultBindingSchemas })
}

/** Shapes in one block of a generated board: 3 maps/cards + stakeholder, 36 notes, 10 arrows. */
export const SHAPES_PER_BLOCK = 50
const NOTES_PER_MAP = 12
const ARROWS_PER_BLOCK = 10

const PAGE_ID = 'page:page'
const NOTE_TEXTS = ['排隊太久，想線上預約', 'Form asks for the same data twice', '不知道進度到哪裡', 'Staff explain rules kindly', '需要紙本證明嗎？', 'Online payment failed']

/** A tldraw note shape as the editor creates it (~500 bytes of JSON). */
export function noteRecord(id: string, x: number, y: number, text: string, parentId = PAGE_ID, index: IndexKey = 'a1' as IndexKey): PlainRecord {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    parentId,
    index,
    meta: {},
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: 1,
      textLastEditedBy: null,
    },
  }
}

function shape(id: string, type: string, x: number, y: number, index: IndexKey, props: object, parentId = PAGE_ID): PlainRecord {
  return { id, typeName: 'shape', type, x, y, rotation: 0, isLocked: false, opacity: 1, parentId, index, meta: {}, props: props as Record<string, unknown> }
}

function arrowRecord(id: string, x: number, y: number, index: IndexKey): PlainRecord {
  return shape(id, 'arrow', x, y, index, {
    kind: 'arc',
    labelColor: 'black',
    color: 'black',
    fill: 'none',
    dash: 'draw',
    size: 'm',
    arrowheadStart: 'none',
    arrowheadEnd: 'arrow',
    font: 'draw',
    start: { x: 0, y: 0 },
    end: { x: 200, y: 40 },
    bend: 0,
    richText: toRichText(''),
    labelPosition: 0.5,
    scale: 1,
    elbowMidPoint: 0.5,
  })
}

function arrowBinding(arrowId: string, toId: string, terminal: 'start' | 'end', seq: string): PlainRecord {
  return {
    id: createBindingId(`${seq}-${terminal}`),
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta: {},
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
  }
}

/**
 * A workshop board of about `shapeCount` shapes (a multiple of 50): blocks of a journey map
 * and a service blueprint with 12 notes in their cells each, a persona card, a stakeholder
 * card, 12 free notes and 10 arrows bound between notes. Deterministic for a given count.
 */
export function workshopBoardRecords(shapeCount: number): PlainRecord[] {
  const blocks = Math.max(1, Math.round(shapeCount / SHAPES_PER_BLOCK))
  const records: PlainRecord[] = [
    { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
  ]
  const pageIndices = getIndices(blocks * (4 + NOTES_PER_MAP + ARROWS_PER_BLOCK) + 1)
  let nextPageIndex = 1
  const columns = Math.ceil(Math.sqrt(blocks))
  for (let b = 0; b < blocks; b++) {
    const ox = (b % columns) * 4200
    const oy = Math.floor(b / columns) * 3200
    const tag = `b${b}`
    const journey = defaultJourneyMapProps('zh-tw')
    const stageIds = Object.keys(journey.stages)
    for (const stageId of stageIds) journey.cells[stageId] = Object.fromEntries(JOURNEY_ROWS.map((row) => [row, `${row} ${tag}`]))
    journey.title = `旅程 ${tag}`
    const blueprint = defaultServiceBlueprintProps('zh-tw')
    for (const stageId of Object.keys(blueprint.stages)) blueprint.cells[stageId] = Object.fromEntries(BLUEPRINT_LANES.map((lane) => [lane, `${lane} ${tag}`]))
    const persona = { ...defaultPersonaProps(), name: `陳小姐 ${tag}`, role: '申請人', values: keyedListFromTexts(['效率', '透明']), painPoints: keyedListFromTexts(['等待', '重複填表']) }
    const stakeholder = { ...defaultStakeholderProps(), name: `戶政事務所 ${tag}` }
    const journeyId = createShapeId(`${tag}-journey`)
    const blueprintId = createShapeId(`${tag}-blueprint`)
    records.push(
      shape(journeyId, 'journey-map', ox, oy, pageIndices[nextPageIndex++]!, journey),
      shape(blueprintId, 'service-blueprint', ox, oy + 1500, pageIndices[nextPageIndex++]!, blueprint),
      shape(createShapeId(`${tag}-persona`), 'persona', ox + 2800, oy, pageIndices[nextPageIndex++]!, persona),
      shape(createShapeId(`${tag}-stakeholder`), 'stakeholder', ox + 3250, oy, pageIndices[nextPageIndex++]!, stakeholder),
    )
    const childIndices = getIndices(NOTES_PER_MAP + 1)
    const noteIds: string[] = []
    for (let n = 0; n < NOTES_PER_MAP; n++) {
      const text = NOTE_TEXTS[n % NOTE_TEXTS.length]!
      const inJourney = createShapeId(`${tag}-jn${n}`)
      const inBlueprint = createShapeId(`${tag}-bn${n}`)
      const free = createShapeId(`${tag}-fn${n}`)
      noteIds.push(free)
      records.push(
        noteRecord(inJourney, 200 + (n % 4) * 240, 120 + Math.floor(n / 4) * 240, text, journeyId, childIndices[n + 1]!),
        noteRecord(inBlueprint, 200 + (n % 4) * 240, 120 + Math.floor(n / 4) * 240, text, blueprintId, childIndices[n + 1]!),
        noteRecord(free, ox + 2800 + (n % 4) * 260, oy + 800 + Math.floor(n / 4) * 260, text, PAGE_ID, pageIndices[nextPageIndex++]!),
      )
    }
    for (let a = 0; a < ARROWS_PER_BLOCK; a++) {
      const arrowId = createShapeId(`${tag}-arrow${a}`)
      records.push(arrowRecord(arrowId, ox + 2900, oy + 900 + a * 40, pageIndices[nextPageIndex++]!))
      records.push(arrowBinding(arrowId, noteIds[a]!, 'start', `${tag}-a${a}`), arrowBinding(arrowId, noteIds[a + 1]!, 'end', `${tag}-a${a}`))
    }
  }
  return records
}

/** Count of shape records among `records`. */
export function countShapes(records: readonly PlainRecord[]): number {
  return records.filter((r) => r.typeName === 'shape').length
}

/** Validates every record against the board schema; throws naming the first bad one. */
export function validateRecords(schema: TLSchema, records: readonly PlainRecord[]): void {
  for (const record of records) {
    const type = schema.types[record.typeName as keyof typeof schema.types]
    if (!type) throw new Error(`Generated record ${record.id} has unknown type ${record.typeName}`)
    try {
      type.validate(record as never)
    } catch (error) {
      throw new Error(`Generated record ${record.id} does not validate: ${(error as Error).message}`)
    }
  }
}

/** tldraw's store snapshot for `loadSnapshot` / `.tldr`-like files. */
export function storeSnapshot(schema: TLSchema, records: readonly PlainRecord[]): { schema: SerializedSchema; store: Record<string, PlainRecord> } {
  return { schema: schema.serialize(), store: Object.fromEntries(records.map((r) => [r.id, r])) }
}
