import type { TLNoteShape, TLShapeId } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { term, type Locale } from '../i18n-terms'
import type { Keyed, ListEntry } from '../shapes/keyedEntries'
import { DEFAULT_STAGE_TERMS, journeySizeFor, type JourneyCells, type JourneyMapShape, type JourneyStage } from '../shapes/journeyMap'
import { MAP_LAYOUT } from '../shapes/mapLayout'
import { defaultPersonaProps, PERSONA_LIST_FIELDS, type PersonaListField, type PersonaProps, type PersonaShape } from '../shapes/persona'
import {
  blueprintSizeFor,
  type BlueprintCells,
  type BlueprintStage,
  type ServiceBlueprintShape,
} from '../shapes/serviceBlueprint'
import {
  defaultStakeholderProps,
  type BricsEntry,
  type StakeholderGroup,
  type StakeholderSector,
  type StakeholderShape,
} from '../shapes/stakeholder'
import { blueprintGeometry, cellRect } from '../rules/mapGeometry'
import { geometryOfMap, type MapShape } from '../rules/notePlacement'
import { TEMPLATE_PAGE_ID, type TemplateBoard } from './templateBoard'

// The design-thinking shapes as template content. Keys of keyed collections (list entries,
// stages) are fixed names, not random ids: two clients seeding at once must write identical
// records, or the binding's per-key merge would keep both clients' entries.

/** Fractional indexes for `count` entries, in order. */
function indexes(count: number): IndexKey[] {
  const out: IndexKey[] = []
  let last: IndexKey | null = null
  for (let i = 0; i < count; i++) {
    last = getIndexAbove(last)
    out.push(last)
  }
  return out
}

/** A keyed list with keys `<prefix>1`, `<prefix>2`, … in the given order. */
export function fixedList(prefix: string, texts: readonly string[]): Keyed<ListEntry> {
  const list: Keyed<ListEntry> = {}
  indexes(texts.length).forEach((index, i) => {
    list[`${prefix}${i + 1}`] = { text: texts[i] ?? '', index }
  })
  return list
}

/** A B, R or C entry: its text and who carries it (a stakeholder shape id, or none). */
export interface BricsSpec {
  text: string
  carrierId?: TLShapeId
}

/** A keyed BRiCS list with fixed keys. */
export function fixedBricsList(prefix: string, entries: readonly BricsSpec[]): Keyed<BricsEntry> {
  const list: Keyed<BricsEntry> = {}
  indexes(entries.length).forEach((index, i) => {
    const entry = entries[i]
    list[`${prefix}${i + 1}`] = { text: entry?.text ?? '', index, carrierId: entry?.carrierId ?? '' }
  })
  return list
}

/** A stage of a map: a fixed key, its name, and (journeys) its emotion score. */
export interface StageSpec {
  key: string
  name: string
  emotion?: number
}

/** The course's default stages (discover … follow up) with fixed keys, named in `locale`. */
export function defaultStageSpecs(locale: Locale): StageSpec[] {
  return DEFAULT_STAGE_TERMS.map((key) => ({ key: key.replace('journey.defaultStage.', ''), name: term(key, locale) }))
}

function journeyStages(specs: readonly StageSpec[]): Keyed<JourneyStage> {
  const stages: Keyed<JourneyStage> = {}
  indexes(specs.length).forEach((index, i) => {
    const spec = specs[i]
    if (spec) stages[spec.key] = { name: spec.name, index, emotion: spec.emotion ?? 0 }
  })
  return stages
}

function blueprintStages(specs: readonly StageSpec[]): Keyed<BlueprintStage> {
  const stages: Keyed<BlueprintStage> = {}
  indexes(specs.length).forEach((index, i) => {
    const spec = specs[i]
    if (spec) stages[spec.key] = { name: spec.name, index }
  })
  return stages
}

/** What a persona card says; list fields are plain texts in order. */
export type PersonaSpec = Partial<Omit<PersonaProps, PersonaListField | 'w' | 'h'>> &
  Partial<Record<PersonaListField, readonly string[]>> & { h?: number }

/** A persona card on the page. */
export function personaCard(board: TemplateBoard, name: string, at: { x: number; y: number }, spec: PersonaSpec = {}): PersonaShape {
  const props: PersonaProps = { ...defaultPersonaProps() }
  const { h, ...fields } = spec
  for (const [key, value] of Object.entries(fields)) {
    if ((PERSONA_LIST_FIELDS as readonly string[]).includes(key)) continue
    ;(props as unknown as Record<string, unknown>)[key] = value
  }
  for (const field of PERSONA_LIST_FIELDS) props[field] = fixedList(field.slice(0, 1), spec[field] ?? [])
  if (h !== undefined) props.h = h
  return board.shape<PersonaShape>(name, 'persona', TEMPLATE_PAGE_ID, { ...at, w: props.w, h: props.h }, props)
}

/** A journey map on the page with the given stages and cell texts. */
export function journeyMap(
  board: TemplateBoard,
  name: string,
  at: { x: number; y: number },
  spec: { title?: string; personaId?: TLShapeId; stages: readonly StageSpec[]; cells?: JourneyCells }
): JourneyMapShape {
  const size = journeySizeFor(spec.stages.length)
  return board.shape<JourneyMapShape>(name, 'journey-map', TEMPLATE_PAGE_ID, { ...at, ...size }, {
    ...size,
    columnWidth: MAP_LAYOUT.defaultColumnWidth,
    rowHeight: MAP_LAYOUT.defaultRowHeight,
    title: spec.title ?? '',
    personaId: spec.personaId ?? '',
    stages: journeyStages(spec.stages),
    cells: spec.cells ?? {},
  })
}

/** A service blueprint on the page with the given stages and cell texts. */
export function serviceBlueprint(
  board: TemplateBoard,
  name: string,
  at: { x: number; y: number },
  spec: { title?: string; sourceJourneyId?: TLShapeId; stages: readonly StageSpec[]; cells?: BlueprintCells }
): ServiceBlueprintShape {
  const size = blueprintSizeFor(spec.stages.length)
  return board.shape<ServiceBlueprintShape>(name, 'service-blueprint', TEMPLATE_PAGE_ID, { ...at, ...size }, {
    ...size,
    columnWidth: MAP_LAYOUT.defaultColumnWidth,
    rowHeight: MAP_LAYOUT.defaultRowHeight,
    title: spec.title ?? '',
    sourceJourneyId: spec.sourceJourneyId ?? '',
    stages: blueprintStages(spec.stages),
    cells: spec.cells ?? {},
  })
}

/** Scale of a note inside a map cell: fits the default cell with a margin. */
export const CELL_NOTE_SCALE = 0.8

/** Colours the examples give notes in map cells. */
export type CellNoteColor = 'yellow' | 'light-blue' | 'light-green' | 'orange' | 'light-red' | 'red'

/**
 * A sticky note centred in one cell of a journey map or blueprint, parented to the map (so the
 * note placement and the BRiCS analysis read it as being in that stage and row or lane).
 */
export function cellNote(
  board: TemplateBoard,
  name: string,
  map: MapShape,
  stageKey: string,
  row: string,
  text: string,
  color: CellNoteColor = 'yellow'
): TLNoteShape {
  const rect = cellRect(geometryOfMap(map), stageKey, row)
  if (!rect) throw new Error(`map ${map.id} has no cell ${stageKey}/${row}: check the stage key and row`)
  const side = MAP_LAYOUT.noteSize * CELL_NOTE_SCALE
  return board.note(name, map.id, { x: rect.x + (rect.w - side) / 2, y: rect.y + (rect.h - side) / 2 }, text, {
    color,
    scale: CELL_NOTE_SCALE,
  })
}

/** What a stakeholder card says. */
export interface StakeholderSpec {
  name: string
  group: StakeholderGroup
  sector: StakeholderSector
  benefits?: readonly BricsSpec[]
  risks?: readonly BricsSpec[]
  costs?: readonly BricsSpec[]
  h?: number
}

/** A stakeholder (BRiCS) card on the page. */
export function stakeholderCard(board: TemplateBoard, name: string, at: { x: number; y: number }, spec: StakeholderSpec): StakeholderShape {
  const props = {
    ...defaultStakeholderProps(),
    name: spec.name,
    group: spec.group,
    sector: spec.sector,
    benefits: fixedBricsList('b', spec.benefits ?? []),
    risks: fixedBricsList('r', spec.risks ?? []),
    costs: fixedBricsList('c', spec.costs ?? []),
  }
  if (spec.h !== undefined) props.h = spec.h
  return board.shape<StakeholderShape>(name, 'stakeholder', TEMPLATE_PAGE_ID, { ...at, w: props.w, h: props.h }, props)
}

/** One dependency arrow to draw: its record name, the blueprint step, and the stakeholder card. */
export interface StepLinkSpec {
  name: string
  stepId: TLShapeId
  cardId: TLShapeId
}

/**
 * Arrows from blueprint steps to stakeholder cards, ending along the bottom edge of each card
 * (spread out, leftmost step leftmost): with the cards above the step lanes, no arrow crosses
 * a card on its way to another.
 */
export function linkStepsToCards(board: TemplateBoard, links: readonly StepLinkSpec[]): void {
  const byCard = new Map<TLShapeId, StepLinkSpec[]>()
  for (const link of links) byCard.set(link.cardId, [...(byCard.get(link.cardId) ?? []), link])
  const anchorX = new Map<string, number>()
  for (const cardLinks of byCard.values()) {
    const ordered = [...cardLinks].sort((a, b) => {
      const boxA = board.pageBox(a.stepId)
      const boxB = board.pageBox(b.stepId)
      return boxA.x - boxB.x || boxA.y - boxB.y
    })
    ordered.forEach((link, i) => anchorX.set(link.name, ordered.length === 1 ? 0.5 : 0.25 + (0.5 * i) / (ordered.length - 1)))
  }
  for (const link of links) board.arrow(link.name, link.stepId, link.cardId, { x: anchorX.get(link.name) ?? 0.5, y: 1 })
}

/** The y (in the blueprint's parent space) of the middle of its front-stage lane. */
export function frontStageMiddle(blueprint: ServiceBlueprintShape): number {
  const geometry = blueprintGeometry(blueprint.props)
  const lane = geometry.rows.find((row) => row.row === 'frontStage')
  if (!lane) throw new Error('a blueprint without a front-stage lane: BLUEPRINT_LANES changed, update the templates')
  return blueprint.y + (lane.y0 + lane.y1) / 2
}
