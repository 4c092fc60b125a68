import { createTLSchema, defaultShapeSchemas, getIndexAbove, toRichText, type IndexKey, type TLRecord, type TLShape } from 'tldraw'
import { term, type Locale, type TermKey } from '../../../shared/i18n-terms'
import { geometryOfMap, isMapShape, type MapShape } from '../../../shared/rules'
import { JOURNEY_MAP_TYPE } from '../../../shared/shapes/journeyMap'
import { sortedEntries } from '../../../shared/shapes/keyedEntries'
import { PERSONA_LIST_FIELDS, PERSONA_TYPE, type PersonaShape } from '../../../shared/shapes/persona'
import { BRICS_KINDS, STAKEHOLDER_TYPE, type StakeholderShape } from '../../../shared/shapes/stakeholder'

// tldraw.com refuses a whole file if one shape has a type it does not know, so the
// "for tldraw.com" .tldr turns our design shapes into tldraw's own: a persona or stakeholder
// card becomes a labelled rectangle holding all its text, a journey map or blueprint becomes
// a frame (its notes stay inside, where they were) with its stage names and cell texts as
// text shapes. Ids are kept, so arrows stay bound. Nothing of it comes back as design shapes.

function geo(shape: TLShape, text: string, color: string): TLShape {
  const { w, h } = shape.props as { w: number; h: number }
  return {
    ...shape,
    type: 'geo',
    props: {
      geo: 'rectangle', dash: 'solid', url: '', w, h, growY: 0, scale: 1, flipX: false, flipY: false,
      labelColor: 'black', color, fill: 'semi', size: 's', font: 'sans', align: 'start', verticalAlign: 'start',
      richText: toRichText(text),
    },
  } as unknown as TLShape
}

function text(id: string, parentId: string, index: IndexKey, at: { x: number; y: number; w: number }, value: string): TLRecord {
  return {
    id, typeName: 'shape', type: 'text', parentId, index, x: at.x, y: at.y, rotation: 0, isLocked: false, opacity: 1, meta: {},
    props: { color: 'black', size: 's', w: at.w, font: 'sans', textAlign: 'start', autoSize: false, scale: 1, richText: toRichText(value) },
  } as unknown as TLRecord
}

function personaText(p: PersonaShape['props'], locale: Locale): string {
  const lines = [p.name, p.role, p.quote ? `“${p.quote}”` : '']
  const basic = Object.entries(p.basicData).filter(([, v]) => v).map(([k, v]) => `${term(`persona.basicData.${k}` as TermKey, locale)}: ${v}`)
  lines.push(...basic)
  for (const field of PERSONA_LIST_FIELDS) {
    const entries = sortedEntries(p[field]).map(([, e]) => e.text).filter((t) => t.trim())
    if (entries.length) lines.push(`${term(`persona.${field}` as TermKey, locale)}: ${entries.join('、')}`)
  }
  if (p.lifestyle) lines.push(`${term('persona.lifestyle', locale)}: ${p.lifestyle}`)
  return lines.filter((l) => l.trim() !== '').join('\n')
}

function stakeholderText(p: StakeholderShape['props'], locale: Locale): string {
  const lines = [p.name, `${term(`stakeholder.group.${p.group}` as TermKey, locale)} · ${term(`stakeholder.sector.${p.sector}` as TermKey, locale)}`]
  for (const kind of BRICS_KINDS) {
    for (const [, entry] of sortedEntries(p[kind])) if (entry.text.trim()) lines.push(`${kind[0]!.toUpperCase()}: ${entry.text}`)
  }
  return lines.join('\n')
}

function mapRecords(map: MapShape, locale: Locale, topChildIndex: IndexKey | null): TLRecord[] {
  const geometry = geometryOfMap(map)
  const out: TLRecord[] = [{ ...map, type: 'frame', props: { w: geometry.w, h: geometry.h, name: map.props.title, color: 'black' } } as unknown as TLRecord]
  const labelKey = (row: string) => (map.type === JOURNEY_MAP_TYPE ? `journey.row.${row}` : `blueprint.lane.${row}`) as TermKey
  let n = 0
  const id = () => `${map.id}-text-${++n}`
  // Indexes above every note in the map, so the labels draw on top.
  let last = topChildIndex
  const index = () => (last = getIndexAbove(last))
  for (const row of geometry.rows) out.push(text(id(), map.id, index(), { x: 8, y: row.y0 + 8, w: geometry.bodyLeft - 16 }, term(labelKey(row.row), locale)))
  const cells = map.props.cells as Record<string, Record<string, string> | undefined>
  for (const column of geometry.columns) {
    const stage = map.props.stages[column.stageId]
    out.push(text(id(), map.id, index(), { x: column.x0 + 8, y: geometry.headerTop + 8, w: column.x1 - column.x0 - 16 }, stage?.name ?? ''))
    for (const row of geometry.rows) {
      const value = cells[column.stageId]?.[row.row]
      if (value?.trim()) out.push(text(id(), map.id, index(), { x: column.x0 + 8, y: row.y0 + 8, w: column.x1 - column.x0 - 16 }, value))
    }
  }
  return out
}

/** The records with every design shape replaced by tldraw shapes tldraw.com knows. */
export function toPlainTldrawRecords(records: readonly TLRecord[], locale: Locale): TLRecord[] {
  const out: TLRecord[] = []
  const topChild = new Map<string, IndexKey>()
  for (const r of records) {
    if (r.typeName !== 'shape') continue
    const top = topChild.get(r.parentId)
    if (!top || r.index > top) topChild.set(r.parentId, r.index)
  }
  for (const record of records) {
    if (record.typeName !== 'shape') out.push(record)
    else if (record.type === PERSONA_TYPE) out.push(geo(record, personaText((record as PersonaShape).props, locale), 'violet'))
    else if (record.type === STAKEHOLDER_TYPE) out.push(geo(record, stakeholderText((record as StakeholderShape).props, locale), 'light-green'))
    else if (isMapShape(record)) out.push(...mapRecords(record, locale, topChild.get(record.id) ?? null))
    else out.push(record)
  }
  return out
}

/** A .tldr file (as produced by serializeTldrawJson) rewritten for tldraw.com: plain shapes, tldraw's own schema. */
export function toPlainTldrawFile(tldrJson: string, locale: Locale): string {
  const file = JSON.parse(tldrJson) as { tldrawFileFormatVersion: number; records: TLRecord[] }
  const schema = createTLSchema({ shapes: defaultShapeSchemas }).serialize()
  return JSON.stringify({ ...file, schema, records: toPlainTldrawRecords(file.records, locale) })
}
