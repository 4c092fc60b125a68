import type { TLArrowBinding, TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { sortedEntries } from '../shapes/keyedEntries'
import { SERVICE_BLUEPRINT_TYPE, STEP_LANES, type BlueprintLane } from '../shapes/serviceBlueprint'
import {
  BRICS_KINDS,
  STAKEHOLDER_TYPE,
  type BricsEntry,
  type BricsKind,
  type StakeholderGroup,
  type StakeholderSector,
  type StakeholderShape,
} from '../shapes/stakeholder'
import { isMapShape, placeNotes } from './notePlacement'
import { richTextToPlain } from './richText'

// The BRiCS analysis read straight off the board: stakeholders × B/R/C, the blueprint steps
// (notes in the front-stage, back-stage and support lanes) and which stakeholders each step
// depends on. A dependency is an arrow bound at one end to a step and at the other end to a
// stakeholder card; the course draws it step → stakeholder, and the reverse is read the same.

/** A B, R or C entry as shown in the matrix. */
export interface BricsEntryView {
  id: string
  text: string
  /** Id of the named carrier, or null when nobody is named or the named card is gone. */
  carrierId: TLShapeId | null
  carrierName: string | null
}

/** One row of the matrix: a stakeholder, its B/R/C entries, and the steps that depend on it. */
export interface StakeholderRow {
  id: TLShapeId
  name: string
  group: StakeholderGroup
  sector: StakeholderSector
  benefits: BricsEntryView[]
  risks: BricsEntryView[]
  costs: BricsEntryView[]
  stepIds: TLShapeId[]
}

/** A blueprint step: a note in a provider lane of a blueprint, and the stakeholders it depends on. */
export interface BlueprintStep {
  id: TLShapeId
  blueprintId: TLShapeId
  stageId: string
  stageName: string
  lane: BlueprintLane
  text: string
  stakeholderIds: TLShapeId[]
}

/** One arrow that links a step to a stakeholder. */
export interface StepLink {
  arrowId: TLShapeId
  stepId: TLShapeId
  stakeholderId: TLShapeId
}

/** Everything the BRiCS panel shows. */
export interface BricsAnalysis {
  stakeholders: StakeholderRow[]
  steps: BlueprintStep[]
  links: StepLink[]
}

function isStakeholder(record: TLRecord): record is StakeholderShape {
  return record.typeName === 'shape' && record.type === STAKEHOLDER_TYPE
}

function isArrowBinding(record: TLRecord): record is TLArrowBinding {
  return record.typeName === 'binding' && record.type === 'arrow'
}

function byIndexThenId(a: { index: IndexKey; id: string }, b: { index: IndexKey; id: string }): number {
  if (a.index !== b.index) return a.index < b.index ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const STEP_LANE_SET: ReadonlySet<string> = new Set(STEP_LANES)

/** The BRiCS matrix, the blueprint steps and their stakeholder links, from the board's records. */
export function bricsAnalysis(records: Iterable<TLRecord>): BricsAnalysis {
  const all = [...records]
  const stakeholders = all.filter(isStakeholder).sort(byIndexThenId)
  const stakeholderById = new Map(stakeholders.map((s) => [s.id as string, s]))
  const maps = new Map(all.filter(isMapShape).map((m) => [m.id as string, m]))

  const steps: BlueprintStep[] = []
  for (const placed of placeNotes(all)) {
    const map = maps.get(placed.mapId)
    if (map?.type !== SERVICE_BLUEPRINT_TYPE || !STEP_LANE_SET.has(placed.row)) continue
    steps.push({
      id: placed.note.id,
      blueprintId: map.id,
      stageId: placed.stageId,
      stageName: map.props.stages[placed.stageId]?.name ?? '',
      lane: placed.row as BlueprintLane,
      text: richTextToPlain(placed.note.props.richText),
      stakeholderIds: [],
    })
  }
  const stepById = new Map(steps.map((s) => [s.id as string, s]))

  // Each arrow's two bound ends; an arrow with only one end bound links nothing.
  const ends = new Map<string, { start?: TLShapeId; end?: TLShapeId }>()
  for (const binding of all.filter(isArrowBinding)) {
    const arrowEnds = ends.get(binding.fromId) ?? {}
    arrowEnds[binding.props.terminal] = binding.toId
    ends.set(binding.fromId, arrowEnds)
  }
  const links: StepLink[] = []
  for (const [arrowId, { start, end }] of [...ends].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!start || !end) continue
    const [stepId, stakeholderId] = stepById.has(start) ? [start, end] : [end, start]
    const step = stepById.get(stepId)
    if (!step || !stakeholderById.has(stakeholderId)) continue
    links.push({ arrowId: arrowId as TLShapeId, stepId, stakeholderId })
    if (!step.stakeholderIds.includes(stakeholderId)) step.stakeholderIds.push(stakeholderId)
  }

  const entryViews = (list: Record<string, BricsEntry>): BricsEntryView[] =>
    sortedEntries(list).map(([id, entry]) => {
      const carrier = entry.carrierId ? stakeholderById.get(entry.carrierId) : undefined
      return { id, text: entry.text, carrierId: carrier?.id ?? null, carrierName: carrier ? carrier.props.name : null }
    })

  const rows = stakeholders.map((s): StakeholderRow => {
    const lists = Object.fromEntries(BRICS_KINDS.map((kind) => [kind, entryViews(s.props[kind])])) as Record<
      BricsKind,
      BricsEntryView[]
    >
    return {
      id: s.id,
      name: s.props.name,
      group: s.props.group,
      sector: s.props.sector,
      ...lists,
      stepIds: steps.filter((step) => step.stakeholderIds.includes(s.id)).map((step) => step.id),
    }
  })

  return { stakeholders: rows, steps, links }
}
