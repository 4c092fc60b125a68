import type { Editor, TLShapeId, TLShapePartial } from 'tldraw'
import { newEntryId } from '../../../../shared/shapes/keyedEntries'
import { JOURNEY_MAP_TYPE, JOURNEY_ROWS } from '../../../../shared/shapes/journeyMap'
import { BLUEPRINT_LANES } from '../../../../shared/shapes/serviceBlueprint'
import {
  addStagePatch,
  columnShifts,
  moveStagePatch,
  removeStagePatch,
} from '../../../../shared/rules/stageEdits'
import { geometryOfMap, isMapShape, type MapShape } from '../../../../shared/rules/notePlacement'

// Stage add / remove / reorder on a map, as one undoable step each. The map's own notes follow
// their column (a removed stage's notes are set free on the page, never deleted).

function getMap(editor: Editor, id: TLShapeId): MapShape | null {
  const shape = editor.getShape(id)
  return shape && isMapShape(shape) ? shape : null
}

function rowCount(map: MapShape): number {
  return map.type === JOURNEY_MAP_TYPE ? JOURNEY_ROWS.length : BLUEPRINT_LANES.length
}

/** Applies a props patch to a map, then moves its children with their columns. */
function applyWithChildren(editor: Editor, map: MapShape, patch: Partial<MapShape['props']>): void {
  const before = geometryOfMap(map)
  editor.updateShape({ id: map.id, type: map.type, props: patch } as TLShapePartial)
  const after = getMap(editor, map.id)
  if (!after) return
  const shifts = columnShifts(before, geometryOfMap(after))
  const freed: TLShapeId[] = []
  const moves: TLShapePartial[] = []
  for (const childId of editor.getSortedChildIdsForParent(map.id)) {
    const child = editor.getShape(childId)
    if (!child) continue
    const centerX = child.x + editor.getShapeGeometry(child).bounds.w / 2
    const column = before.columns.find((c) => centerX >= c.x0 && centerX < c.x1)
    if (!column) continue
    const dx = shifts[column.stageId]
    if (dx === null || dx === undefined) freed.push(child.id)
    else if (dx !== 0) moves.push({ id: child.id, type: child.type, x: child.x + dx })
  }
  if (moves.length > 0) editor.updateShapes(moves)
  if (freed.length > 0) editor.reparentShapes(freed, editor.getCurrentPageId())
}

/** Appends a stage named `name`; returns its id. */
export function addStage(editor: Editor, mapId: TLShapeId, name: string): string | null {
  const map = getMap(editor, mapId)
  if (!map) return null
  const id = newEntryId()
  editor.markHistoryStoppingPoint('add stage')
  const patch =
    map.type === JOURNEY_MAP_TYPE
      ? addStagePatch(map.props, rowCount(map), id, { name, emotion: 0 })
      : addStagePatch(map.props, rowCount(map), id, { name })
  editor.updateShape({ id: map.id, type: map.type, props: patch } as TLShapePartial)
  return id
}

/** Removes a stage and its cell texts; its notes stay on the page where they are. */
export function removeStage(editor: Editor, mapId: TLShapeId, stageId: string): void {
  const map = getMap(editor, mapId)
  if (!map || !map.props.stages[stageId]) return
  editor.markHistoryStoppingPoint('remove stage')
  editor.run(() => applyWithChildren(editor, map, removeStagePatch(map.props, rowCount(map), stageId) as never))
}

/** Moves a stage to position `to` (0 = first), its notes with it. */
export function moveStage(editor: Editor, mapId: TLShapeId, stageId: string, to: number): void {
  const map = getMap(editor, mapId)
  if (!map || !map.props.stages[stageId]) return
  editor.markHistoryStoppingPoint('move stage')
  editor.run(() => applyWithChildren(editor, map, moveStagePatch(map.props, stageId, to) as never))
}
