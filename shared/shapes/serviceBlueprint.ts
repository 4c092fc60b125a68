import type { TLShape } from '@tldraw/tlschema'
import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import type { IndexKey } from '@tldraw/utils'
import type { Locale } from '../i18n-terms'
import { keyedValidator, type Keyed } from './keyedEntries'
import { defaultStages } from './journeyMap'
import { MAP_LAYOUT, mapCellSizeValidator, mapSizeFor } from './mapLayout'

// Schema of the service blueprint (服務藍圖). Stages are keyed like the journey map's; the lanes
// are fixed by the method, so they are constants, not data.

/** The shape type of the service blueprint. */
export const SERVICE_BLUEPRINT_TYPE = 'service-blueprint'

/** The lanes of a blueprint, top to bottom. */
export const BLUEPRINT_LANES = [
  'physicalEvidence',
  'customerActions',
  'frontStage',
  'backStage',
  'supportProcesses',
] as const
export type BlueprintLane = (typeof BLUEPRINT_LANES)[number]

/** The three labelled lines, each drawn between the lane above and the lane below it. */
export const BLUEPRINT_LINES = [
  { line: 'interaction', above: 'customerActions', below: 'frontStage' },
  { line: 'visibility', above: 'frontStage', below: 'backStage' },
  { line: 'internalInteraction', above: 'backStage', below: 'supportProcesses' },
] as const satisfies ReadonlyArray<{ line: string; above: BlueprintLane; below: BlueprintLane }>
export type BlueprintLine = (typeof BLUEPRINT_LINES)[number]['line']

/** Lanes whose notes are steps the provider carries, and so can depend on stakeholders. */
export const STEP_LANES = ['frontStage', 'backStage', 'supportProcesses'] as const satisfies readonly BlueprintLane[]

/** One stage (column) of the blueprint. */
export interface BlueprintStage {
  name: string
  index: IndexKey
}

/** Texts typed straight into cells: stage id → lane → text. */
export type BlueprintCells = Keyed<Partial<Record<BlueprintLane, string>>>

/** Props of the service blueprint. */
export interface ServiceBlueprintProps {
  /** Cached size (tldraw's box); the map's real size follows from columnWidth, rowHeight and the stages. */
  w: number
  h: number
  /** Width of every stage column and height of every row/lane. */
  columnWidth: number
  rowHeight: number
  title: string
  /** Id of the journey map this blueprint was created from, or ''. */
  sourceJourneyId: string
  stages: Keyed<BlueprintStage>
  cells: BlueprintCells
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [SERVICE_BLUEPRINT_TYPE]: ServiceBlueprintProps
  }
}

/** The service blueprint record. */
export type ServiceBlueprintShape = TLShape<typeof SERVICE_BLUEPRINT_TYPE>

/** Validates a stage of a blueprint. */
export const blueprintStageValidator = T.object({ name: T.string, index: T.indexKey })

/** Validators for the service blueprint's props. */
export const serviceBlueprintShapeProps = {
  w: T.nonZeroFiniteNumber,
  h: T.nonZeroFiniteNumber,
  columnWidth: mapCellSizeValidator,
  rowHeight: mapCellSizeValidator,
  title: T.string,
  sourceJourneyId: T.string,
  stages: keyedValidator(blueprintStageValidator),
  cells: keyedValidator(T.dict(T.literalEnum(...BLUEPRINT_LANES), T.string)),
}

/** Migration ids of the service blueprint, oldest first. */
export const serviceBlueprintMigrationIds = createShapePropsMigrationIds(SERVICE_BLUEPRINT_TYPE, {
  AddSourceJourney: 1,
})

/** Migrations of the service blueprint: v0 blueprints did not remember their journey map. */
export const serviceBlueprintShapeMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: serviceBlueprintMigrationIds.AddSourceJourney,
      up(props) {
        props.sourceJourneyId = ''
      },
      down(props) {
        delete props.sourceJourneyId
      },
    },
  ],
})

/** The size of a blueprint with `stageCount` columns (default column width and lane height unless given). */
export function blueprintSizeFor(stageCount: number, columnWidth?: number, rowHeight?: number): { w: number; h: number } {
  return mapSizeFor(stageCount, BLUEPRINT_LANES.length, columnWidth, rowHeight)
}

/** Props of a new blueprint with the default stages named in `locale`. */
export function defaultServiceBlueprintProps(locale: Locale = 'en'): ServiceBlueprintProps {
  const stages: Keyed<BlueprintStage> = {}
  for (const [id, stage] of Object.entries(defaultStages(locale))) {
    stages[id] = { name: stage.name, index: stage.index }
  }
  return {
    ...blueprintSizeFor(Object.keys(stages).length),
    columnWidth: MAP_LAYOUT.defaultColumnWidth,
    rowHeight: MAP_LAYOUT.defaultRowHeight,
    title: '',
    sourceJourneyId: '',
    stages,
    cells: {},
  }
}
