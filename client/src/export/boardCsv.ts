import type { TLRecord, TLShape } from 'tldraw'
import { term, type Locale, type TermKey } from '../../../shared/i18n-terms'
import { bricsAnalysis, placeNotes, richTextToPlain } from '../../../shared/rules'
import { JOURNEY_MAP_TYPE, JOURNEY_ROWS } from '../../../shared/shapes/journeyMap'
import { sortedEntries } from '../../../shared/shapes/keyedEntries'
import { PERSONA_TYPE, type PersonaShape } from '../../../shared/shapes/persona'
import { BLUEPRINT_LANES, SERVICE_BLUEPRINT_TYPE } from '../../../shared/shapes/serviceBlueprint'
import { STAKEHOLDER_TYPE, type StakeholderShape } from '../../../shared/shapes/stakeholder'
import type { MapShape } from '../../../shared/rules'
import { frameLookup, pageBoxes } from './boardFrames'
import { toCsv } from './csv'

// The board as a table for a report or a spreadsheet: every sticky note, text, card and
// map cell with the frame (workshop step) it is in, its map stage and row or lane, who
// wrote it, its votes and the stakeholders a blueprint step depends on.

export const BOARD_CSV_COLUMNS = ['frame', 'type', 'stage', 'row', 'text', 'author', 'votes', 'stakeholders', 'id'] as const
type Column = (typeof BOARD_CSV_COLUMNS)[number]

const HEADERS: Record<Locale, Record<Column, string>> = {
  en: { frame: 'Frame / step', type: 'Shape type', stage: 'Stage', row: 'Row / lane', text: 'Text', author: 'Author', votes: 'Votes', stakeholders: 'Linked stakeholders', id: 'Shape id' },
  'zh-tw': { frame: '框架／步驟', type: '圖形類型', stage: '階段', row: '列／泳道', text: '內容', author: '作者', votes: '票數', stakeholders: '關聯利害關係人', id: '圖形 ID' },
}

const TYPE_LABELS: Record<Locale, Record<string, string>> = {
  en: { note: 'Sticky note', text: 'Text', geo: 'Shape', 'journey-cell': 'Journey map cell', 'blueprint-cell': 'Blueprint cell' },
  'zh-tw': { note: '便利貼', text: '文字', geo: '圖形', 'journey-cell': '旅程地圖格', 'blueprint-cell': '服務藍圖格' },
}

export interface BoardCsvOptions {
  locale: Locale
  /** Dots per note from a closed vote (issue 4); the column stays empty without them. */
  votes?: Readonly<Record<string, number>>
}

type Row = Record<Column, string>

function typeLabel(type: string, locale: Locale): string {
  if (type === PERSONA_TYPE || type === JOURNEY_MAP_TYPE || type === SERVICE_BLUEPRINT_TYPE || type === STAKEHOLDER_TYPE) {
    return term(`shape.${type}` as TermKey, locale)
  }
  return TYPE_LABELS[locale][type] ?? type
}

function rowLabel(mapType: string, row: string, locale: Locale): string {
  const key = mapType === JOURNEY_MAP_TYPE ? `journey.row.${row}` : `blueprint.lane.${row}`
  try {
    return term(key as TermKey, locale)
  } catch {
    return row
  }
}

function authorOf(shape: TLShape): string {
  const meta = shape.meta as Record<string, unknown>
  for (const key of ['authorName', 'author', 'createdByName']) if (typeof meta[key] === 'string') return meta[key]
  return ''
}

function personaText(persona: PersonaShape): string {
  const p = persona.props
  const lines = [p.name, p.role, p.quote ? `“${p.quote}”` : '']
  return lines.filter((line) => line.trim() !== '').join('\n')
}

function stakeholderText(card: StakeholderShape, locale: Locale): string {
  const p = card.props
  return [p.name, `${term(`stakeholder.group.${p.group}` as TermKey, locale)} · ${term(`stakeholder.sector.${p.sector}` as TermKey, locale)}`].join('\n')
}

/** The rows of the board CSV (header first), in frame order, then top to bottom, left to right. */
export function boardCsvRows(records: Iterable<TLRecord>, options: BoardCsvOptions): string[][] {
  const all = [...records]
  const { locale } = options
  const frameOf = frameLookup(all)
  const boxes = pageBoxes(all)
  const shapes = all.filter((r): r is TLShape => r.typeName === 'shape')
  const byId = new Map(shapes.map((s) => [s.id as string, s]))
  const placed = new Map(placeNotes(all).map((p) => [p.note.id as string, p]))
  const analysis = bricsAnalysis(all)
  const stakeholderNames = new Map(analysis.stakeholders.map((s) => [s.id as string, s.name]))
  const stepStakeholders = new Map(analysis.steps.map((s) => [s.id as string, s.stakeholderIds.map((id) => stakeholderNames.get(id) ?? id)]))

  // Reading order: frames left to right, then the items in a frame left to right (a map and
  // everything in it count as one item), then a map's stages and rows, cell text before notes.
  const rows: Array<Row & { order: number[] }> = []
  const add = (shape: TLShape, fields: Partial<Row>, within: { item?: TLShape; stage?: number; row?: number; kind?: number } = {}) => {
    const frame = frameOf(shape.id)
    const item = boxes.get((within.item ?? shape).id) ?? { x: 0, y: 0 }
    const frameBox = frame ? boxes.get(frame.id) : undefined
    rows.push({
      frame: frame ? frame.props.name : '',
      type: typeLabel(shape.type, locale),
      stage: '',
      row: '',
      text: '',
      author: authorOf(shape),
      votes: options.votes?.[shape.id] !== undefined ? String(options.votes[shape.id]) : '',
      stakeholders: '',
      id: shape.id,
      ...fields,
      order: [frameBox ? frameBox.x : Number.MAX_SAFE_INTEGER, frameBox ? frameBox.y : 0, item.x, item.y, within.stage ?? 0, within.row ?? 0, within.kind ?? 0],
    })
  }
  const stageOrder = (map: MapShape, stageId: string) => sortedEntries(map.props.stages).findIndex(([id]) => id === stageId)
  const rowOrder = (map: MapShape, row: string) => (map.type === JOURNEY_MAP_TYPE ? (JOURNEY_ROWS as readonly string[]) : (BLUEPRINT_LANES as readonly string[])).indexOf(row)

  for (const shape of shapes) {
    if (shape.type === 'note' || shape.type === 'text' || shape.type === 'geo') {
      const text = richTextToPlain((shape.props as { richText?: unknown }).richText)
      if (shape.type !== 'note' && text.trim() === '') continue
      const cell = placed.get(shape.id)
      const map = cell ? (byId.get(cell.mapId) as MapShape | undefined) : undefined
      add(shape, {
        text,
        stage: map && cell ? (map.props.stages[cell.stageId]?.name ?? '') : '',
        row: map && cell ? rowLabel(map.type, cell.row, locale) : '',
        stakeholders: (stepStakeholders.get(shape.id) ?? []).join('; '),
      }, map && cell ? { item: map, stage: stageOrder(map, cell.stageId), row: rowOrder(map, cell.row), kind: 1 + (boxes.get(shape.id)?.x ?? 0) / 1e6 } : {})
    } else if (shape.type === PERSONA_TYPE) {
      add(shape, { text: personaText(shape as PersonaShape) })
    } else if (shape.type === STAKEHOLDER_TYPE) {
      add(shape, { text: stakeholderText(shape as StakeholderShape, locale) })
    } else if (shape.type === JOURNEY_MAP_TYPE || shape.type === SERVICE_BLUEPRINT_TYPE) {
      const map = shape as MapShape
      const order: readonly string[] = map.type === JOURNEY_MAP_TYPE ? JOURNEY_ROWS : BLUEPRINT_LANES
      const cellType = map.type === JOURNEY_MAP_TYPE ? 'journey-cell' : 'blueprint-cell'
      sortedEntries(map.props.stages).forEach(([stageId, stage], column) => {
        const cells = (map.props.cells as Record<string, Record<string, string> | undefined>)[stageId] ?? {}
        order.forEach((rowName, rowIndex) => {
          const text = cells[rowName]
          if (!text || text.trim() === '') return
          add(map, { type: TYPE_LABELS[locale][cellType]!, stage: stage.name, row: rowLabel(map.type, rowName, locale), text }, { item: map, stage: column, row: rowIndex })
        })
      })
    }
  }

  rows.sort((a, b) => compareOrder(a.order, b.order) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const header = BOARD_CSV_COLUMNS.map((column) => HEADERS[locale][column])
  return [header, ...rows.map((row) => BOARD_CSV_COLUMNS.map((column) => row[column]))]
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

/** The board CSV as text (UTF-8 BOM, CRLF). */
export function boardCsv(records: Iterable<TLRecord>, options: BoardCsvOptions): string {
  return toCsv(boardCsvRows(records, options))
}
