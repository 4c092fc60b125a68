import type { IndexKey } from '@tldraw/utils'
import { indexAfterLast, indexForMove, sortedEntries, type Keyed } from '../shapes/keyedEntries'
import { mapSizeFor } from '../shapes/mapLayout'
import type { MapGeometry } from './mapGeometry'

// Stage edits on a journey map or blueprint as props patches. Each patch touches only the
// stage(s) it is about (plus the cached size), so concurrent edits of other stages merge.

interface StagedProps<S extends { index: IndexKey }> {
  columnWidth: number
  rowHeight: number
  stages: Keyed<S>
  cells: Keyed<unknown>
}

function sizeWith(props: StagedProps<{ index: IndexKey }>, stageCount: number, rowCount: number) {
  return mapSizeFor(stageCount, rowCount, props.columnWidth, props.rowHeight)
}

/** Props patch that appends stage `id` after the last one. */
export function addStagePatch<S extends { index: IndexKey }>(
  props: StagedProps<S>,
  rowCount: number,
  id: string,
  stage: Omit<S, 'index'>
): { stages: Keyed<S>; w: number; h: number } {
  const stages = { ...props.stages, [id]: { ...stage, index: indexAfterLast(props.stages) } as S }
  return { stages, ...sizeWith(props, Object.keys(stages).length, rowCount) }
}

/** Props patch that removes stage `id` and its cell texts. */
export function removeStagePatch<S extends { index: IndexKey }, C>(
  props: StagedProps<S> & { cells: Keyed<C> },
  rowCount: number,
  id: string
): { stages: Keyed<S>; cells: Keyed<C>; w: number; h: number } {
  const { [id]: _removed, ...stages } = props.stages
  const { [id]: _cells, ...cells } = props.cells
  return { stages, cells, ...sizeWith(props, Object.keys(stages).length, rowCount) }
}

/** Props patch that moves stage `id` to position `to` (0 = first); only that stage's index changes. */
export function moveStagePatch<S extends { index: IndexKey }>(
  props: StagedProps<S>,
  id: string,
  to: number
): { stages: Keyed<S> } {
  const stage = props.stages[id]
  if (!stage) return { stages: props.stages }
  return { stages: { ...props.stages, [id]: { ...stage, index: indexForMove(props.stages, id, to) } } }
}

/** Position of stage `id` among the stages (0 = first), or -1. */
export function stagePosition(stages: Keyed<{ index: IndexKey }>, id: string): number {
  return sortedEntries(stages).findIndex(([key]) => key === id)
}

/**
 * How far each stage column moved between two geometries: stage id → dx, or null when the
 * stage is gone. Notes in a column move by its dx so they stay in their cell.
 */
export function columnShifts(before: MapGeometry<string>, after: MapGeometry<string>): Record<string, number | null> {
  const shifts: Record<string, number | null> = {}
  for (const column of before.columns) {
    const next = after.columns.find((c) => c.stageId === column.stageId)
    shifts[column.stageId] = next ? next.x0 - column.x0 : null
  }
  return shifts
}
