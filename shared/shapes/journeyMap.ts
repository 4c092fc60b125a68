import type { TLShape } from '@tldraw/tlschema'
import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import type { IndexKey } from '@tldraw/utils'
import { term, type Locale } from '../i18n-terms'
import { MAP_LAYOUT, mapCellSizeValidator, mapSizeFor } from './mapLayout'
import { keyedValidator, indexAfterLast, newEntryId, type Keyed } from './keyedEntries'

// Schema of the customer journey map (顧客旅程地圖). Stages are keyed by random id so concurrent
// stage adds merge; cell texts are keyed by stage id then row, so concurrent fills of different
// cells merge. Sticky notes in a cell are ordinary note shapes parented to the map.

/** The shape type of the journey map. */
export const JOURNEY_MAP_TYPE = 'journey-map'

/** The rows of a journey map, top to bottom. */
export const JOURNEY_ROWS = ['actions', 'touchpoints', 'thoughts', 'emotions', 'painPoints', 'opportunities'] as const
export type JourneyRow = (typeof JOURNEY_ROWS)[number]

/** Lowest and highest emotion score a stage can have (negative … positive). */
export const EMOTION_MIN = -2
export const EMOTION_MAX = 2

/** One stage (column) of the journey. */
export interface JourneyStage {
  name: string
  index: IndexKey
  /** Integer −2 … +2, drawn as the emotion curve. */
  emotion: number
}

/** Texts typed straight into cells: stage id → row → text. */
export type JourneyCells = Keyed<Partial<Record<JourneyRow, string>>>

/** Props of the journey map. */
export interface JourneyMapProps {
  /** Cached size (tldraw's box); the map's real size follows from columnWidth, rowHeight and the stages. */
  w: number
  h: number
  /** Width of every stage column and height of every row/lane. */
  columnWidth: number
  rowHeight: number
  title: string
  /** Id of the persona shape this journey follows, or ''. */
  personaId: string
  stages: Keyed<JourneyStage>
  cells: JourneyCells
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [JOURNEY_MAP_TYPE]: JourneyMapProps
  }
}

/** The journey map record. */
export type JourneyMapShape = TLShape<typeof JOURNEY_MAP_TYPE>

/** Validates an emotion score: an integer from −2 to +2. */
export const emotionValidator = T.integer.check((score) => {
  if (score < EMOTION_MIN || score > EMOTION_MAX) {
    throw new Error(`emotion ${score} is out of range: use an integer from ${EMOTION_MIN} to ${EMOTION_MAX}`)
  }
})

/** Validates a stage of a journey map. */
export const journeyStageValidator = T.object({ name: T.string, index: T.indexKey, emotion: emotionValidator })

const journeyCellsValidator = keyedValidator(T.dict(T.literalEnum(...JOURNEY_ROWS), T.string))

/** Validators for the journey map's props. */
export const journeyMapShapeProps = {
  w: T.nonZeroFiniteNumber,
  h: T.nonZeroFiniteNumber,
  columnWidth: mapCellSizeValidator,
  rowHeight: mapCellSizeValidator,
  title: T.string,
  personaId: T.string,
  stages: keyedValidator(journeyStageValidator),
  cells: journeyCellsValidator,
}

/** Migration ids of the journey map, oldest first. */
export const journeyMapMigrationIds = createShapePropsMigrationIds(JOURNEY_MAP_TYPE, {
  AddPersona: 1,
})

/** Migrations of the journey map: v0 maps could not name their persona. */
export const journeyMapShapeMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: journeyMapMigrationIds.AddPersona,
      up(props) {
        props.personaId = ''
      },
      down(props) {
        delete props.personaId
      },
    },
  ],
})

/** The stages a new map starts with (the course's example: discover … follow up). */
export const DEFAULT_STAGE_TERMS = [
  'journey.defaultStage.discover',
  'journey.defaultStage.apply',
  'journey.defaultStage.wait',
  'journey.defaultStage.receive',
  'journey.defaultStage.followUp',
] as const

/** Keyed stages named in `locale`, in order, all with a neutral emotion. */
export function defaultStages(locale: Locale): Keyed<JourneyStage> {
  const stages: Keyed<JourneyStage> = {}
  for (const key of DEFAULT_STAGE_TERMS) {
    stages[newEntryId()] = { name: term(key, locale), index: indexAfterLast(stages), emotion: 0 }
  }
  return stages
}

/** Props of a new journey map with the default stages named in `locale`. */
export function defaultJourneyMapProps(locale: Locale = 'en'): JourneyMapProps {
  const stages = defaultStages(locale)
  return {
    ...journeySizeFor(Object.keys(stages).length),
    columnWidth: MAP_LAYOUT.defaultColumnWidth,
    rowHeight: MAP_LAYOUT.defaultRowHeight,
    title: '',
    personaId: '',
    stages,
    cells: {},
  }
}

/** The size of a journey map with `stageCount` columns (default column width and row height unless given). */
export function journeySizeFor(stageCount: number, columnWidth?: number, rowHeight?: number): { w: number; h: number } {
  return mapSizeFor(stageCount, JOURNEY_ROWS.length, columnWidth, rowHeight)
}
