import type { TLNoteShape, TLRecord, TLShape, TLShapeId } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { JOURNEY_MAP_TYPE, type JourneyMapShape } from '../shapes/journeyMap'
import { MAP_LAYOUT } from '../shapes/mapLayout'
import { SERVICE_BLUEPRINT_TYPE, type ServiceBlueprintShape } from '../shapes/serviceBlueprint'
import { blueprintGeometry, cellAt, journeyGeometry, type MapGeometry } from './mapGeometry'

// Which cell a sticky note is in. A note belongs to a map when it is parented to it (the normal
// case: dropping a note on a map reparents it) or, failing that, when it lies over the map on
// the same parent. Its cell is where its centre is.

/** A journey map or a service blueprint. */
export type MapShape = JourneyMapShape | ServiceBlueprintShape

/** A note and the map cell it sits in. */
export interface PlacedNote {
  note: TLNoteShape
  mapId: TLShapeId
  stageId: string
  row: string
  /** The note's top-left corner in map-local coordinates. */
  local: { x: number; y: number }
}

/** True for journey maps and service blueprints. */
export function isMapShape(record: TLRecord): record is MapShape {
  return record.typeName === 'shape' && (record.type === JOURNEY_MAP_TYPE || record.type === SERVICE_BLUEPRINT_TYPE)
}

/** True for tldraw sticky notes. */
export function isNoteShape(record: TLRecord): record is TLNoteShape {
  return record.typeName === 'shape' && record.type === 'note'
}

/** The geometry of a journey map or blueprint. */
export function geometryOfMap(map: MapShape): MapGeometry<string> {
  return map.type === JOURNEY_MAP_TYPE ? journeyGeometry(map.props) : blueprintGeometry(map.props)
}

function rotate(v: { x: number; y: number }, angle: number): { x: number; y: number } {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  return { x: v.x * cos - v.y * sin, y: v.x * sin + v.y * cos }
}

/** Converts a point in the map's parent space to map-local space. */
export function toMapLocal(map: TLShape, point: { x: number; y: number }): { x: number; y: number } {
  return rotate({ x: point.x - map.x, y: point.y - map.y }, -map.rotation)
}

/** Converts a map-local point to the map's parent space. */
export function fromMapLocal(map: TLShape, point: { x: number; y: number }): { x: number; y: number } {
  const r = rotate(point, map.rotation)
  return { x: map.x + r.x, y: map.y + r.y }
}

/** Width and height of a note (tldraw draws notes 200 units square, times scale, plus growY). */
export function noteSize(note: TLNoteShape): { w: number; h: number } {
  const { scale, growY } = note.props
  return { w: MAP_LAYOUT.noteSize * scale, h: (MAP_LAYOUT.noteSize + growY) * scale }
}

/** The note's centre and top-left in map-local coordinates, or null when it is unrelated to the map. */
export function notePositionInMap(
  note: TLNoteShape,
  map: MapShape
): { center: { x: number; y: number }; topLeft: { x: number; y: number } } | null {
  const { w, h } = noteSize(note)
  const half = rotate({ x: w / 2, y: h / 2 }, note.rotation)
  const centerInNoteParent = { x: note.x + half.x, y: note.y + half.y }
  if (note.parentId === map.id) return { center: centerInNoteParent, topLeft: { x: note.x, y: note.y } }
  if (note.parentId === map.parentId) {
    return { center: toMapLocal(map, centerInNoteParent), topLeft: toMapLocal(map, note) }
  }
  return null
}

/** The cell of `map` the note's centre is in, or null. */
export function noteCell(note: TLNoteShape, map: MapShape): { stageId: string; row: string } | null {
  const position = notePositionInMap(note, map)
  return position ? cellAt(geometryOfMap(map), position.center) : null
}

function byIndex(a: { index: IndexKey; id: string }, b: { index: IndexKey; id: string }): number {
  if (a.index !== b.index) return a.index < b.index ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Every note placed in a cell of some map, each in exactly one map (its parent, else the topmost it lies over). */
export function placeNotes(records: Iterable<TLRecord>): PlacedNote[] {
  const all = [...records]
  const maps = all.filter(isMapShape)
  const mapsById = new Map(maps.map((m) => [m.id as string, m]))
  // Topmost first among siblings, so a note over two overlapping maps counts for the upper one.
  const mapsTopFirst = [...maps].sort(byIndex).reverse()
  const placed: PlacedNote[] = []
  for (const note of all.filter(isNoteShape).sort(byIndex)) {
    const parentMap = mapsById.get(note.parentId)
    const candidates = parentMap ? [parentMap] : mapsTopFirst.filter((m) => m.parentId === note.parentId)
    for (const map of candidates) {
      const position = notePositionInMap(note, map)
      const cell = position && cellAt(geometryOfMap(map), position.center)
      if (position && cell) {
        placed.push({ note, mapId: map.id, stageId: cell.stageId, row: cell.row, local: position.topLeft })
        break
      }
    }
  }
  return placed
}
