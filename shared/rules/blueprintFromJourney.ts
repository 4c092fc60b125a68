import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { JourneyMapShape } from '../shapes/journeyMap'
import { newEntryId, sortedEntries, type Keyed } from '../shapes/keyedEntries'
import { blueprintSizeFor, type BlueprintCells, type BlueprintStage, type ServiceBlueprintProps } from '../shapes/serviceBlueprint'
import { blueprintGeometry, cellRect, journeyGeometry } from './mapGeometry'
import { placeNotes } from './notePlacement'

// "Create blueprint from journey map": the new blueprint gets the journey's stages (new ids, same
// names and order) and its customer actions (the actions row's cell texts and sticky notes) in
// the customer-actions lane. Cells keep the journey's column width and row height, so copied notes keep their offset.

/** A note to copy: the journey note's id and where the copy goes, blueprint-local. */
export interface NoteCopy {
  sourceId: TLShapeId
  stageId: string
  x: number
  y: number
  rotation: number
}

/** What the client needs to create the blueprint and copy the notes into it. */
export interface BlueprintDraft {
  props: ServiceBlueprintProps
  notes: NoteCopy[]
  /** Journey stage id → blueprint stage id. */
  stageIds: Record<string, string>
}

/** The blueprint props and note copies that "create blueprint from journey map" produces. */
export function blueprintFromJourney(
  journey: JourneyMapShape,
  records: Iterable<TLRecord>,
  newId: () => string = newEntryId
): BlueprintDraft {
  const stageIds: Record<string, string> = {}
  const stages: Keyed<BlueprintStage> = {}
  const cells: BlueprintCells = {}
  for (const [journeyStageId, stage] of sortedEntries(journey.props.stages)) {
    const id = newId()
    stageIds[journeyStageId] = id
    stages[id] = { name: stage.name, index: stage.index }
    const actions = journey.props.cells[journeyStageId]?.actions
    if (actions) cells[id] = { customerActions: actions }
  }

  const journeyGeo = journeyGeometry(journey.props)
  const { columnWidth, rowHeight } = journey.props
  const props: ServiceBlueprintProps = {
    ...blueprintSizeFor(Object.keys(stages).length, columnWidth, rowHeight),
    columnWidth,
    rowHeight,
    title: journey.props.title,
    sourceJourneyId: journey.id,
    stages,
    cells,
  }

  const blueprintGeo = blueprintGeometry(props)
  const notes: NoteCopy[] = []
  for (const placed of placeNotes(records)) {
    if (placed.mapId !== journey.id || placed.row !== 'actions') continue
    const stageId = stageIds[placed.stageId]
    const from = cellRect(journeyGeo, placed.stageId, 'actions')
    const to = stageId ? cellRect(blueprintGeo, stageId, 'customerActions') : null
    if (!stageId || !from || !to) continue
    notes.push({
      sourceId: placed.note.id,
      stageId,
      x: placed.local.x - from.x + to.x,
      y: placed.local.y - from.y + to.y,
      rotation: placed.note.parentId === journey.id ? placed.note.rotation : placed.note.rotation - journey.rotation,
    })
  }
  return { props, notes, stageIds }
}
