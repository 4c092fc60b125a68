import type { IndexKey } from '@tldraw/utils'
import { BLUEPRINT_LANES, type BlueprintLane } from '../shapes/serviceBlueprint'
import { JOURNEY_ROWS, type JourneyRow } from '../shapes/journeyMap'
import { sortedEntries, type Keyed } from '../shapes/keyedEntries'
import { MAP_LAYOUT, mapSizeFor } from '../shapes/mapLayout'

// Geometry of journey maps and blueprints, in shape-local coordinates. The renderer draws from
// it and the hit-test reads it, so what you see is where a note counts.

/** A stage column: its id and x range [x0, x1). */
export interface ColumnRange {
  stageId: string
  x0: number
  x1: number
}

/** A row (journey) or lane (blueprint): its id and y range [y0, y1). */
export interface RowRange<Row extends string> {
  row: Row
  y0: number
  y1: number
}

/** All ranges of one map. */
export interface MapGeometry<Row extends string> {
  w: number
  h: number
  columns: ColumnRange[]
  rows: Array<RowRange<Row>>
  /** y where the stage headers start and where the rows start. */
  headerTop: number
  bodyTop: number
  /** x where the stage columns start (right of the label column). */
  bodyLeft: number
}

/** What a map-local point falls on. */
export type MapHit<Row extends string> =
  | { kind: 'cell'; stageId: string; row: Row }
  | { kind: 'header'; stageId: string }
  | { kind: 'label'; row: Row }
  | { kind: 'title' }
  /** Inside the map but on no cell, header, label or title (the top-left corner, or a map with no stages). */
  | { kind: 'blank' }

/** The props geometry depends on: the structure, never the cached w/h. */
export interface MapGeometryProps {
  columnWidth: number
  rowHeight: number
  stages: Keyed<{ index: IndexKey }>
}

/** Column and row ranges of a map with the given rows, stages ordered by index. */
export function mapGeometry<Row extends string>(props: MapGeometryProps, rowIds: readonly Row[]): MapGeometry<Row> {
  const { columnWidth, rowHeight } = props
  const stages = sortedEntries(props.stages)
  const { w, h } = mapSizeFor(stages.length, rowIds.length, columnWidth, rowHeight)
  const headerTop = MAP_LAYOUT.titleHeight
  const bodyTop = headerTop + MAP_LAYOUT.headerHeight
  const bodyLeft = MAP_LAYOUT.labelWidth
  return {
    w,
    h,
    headerTop,
    bodyTop,
    bodyLeft,
    columns: stages.map(([stageId], i) => ({
      stageId,
      x0: bodyLeft + i * columnWidth,
      x1: bodyLeft + (i + 1) * columnWidth,
    })),
    rows: rowIds.map((row, i) => ({ row, y0: bodyTop + i * rowHeight, y1: bodyTop + (i + 1) * rowHeight })),
  }
}

/** Geometry of a journey map (rows: actions … opportunities). */
export function journeyGeometry(props: MapGeometryProps): MapGeometry<JourneyRow> {
  return mapGeometry(props, JOURNEY_ROWS)
}

/** Geometry of a service blueprint (lanes: physical evidence … support processes). */
export function blueprintGeometry(props: MapGeometryProps): MapGeometry<BlueprintLane> {
  return mapGeometry(props, BLUEPRINT_LANES)
}

// Half-open ranges, except that the far edge of the map belongs to the last range, so every
// point on the map's border still lands somewhere.
function findRange<T extends { a: number; b: number }>(ranges: T[], v: number, end: number): T | undefined {
  return ranges.find((r) => v >= r.a && (v < r.b || (v === end && r.b === end)))
}

/** What the map-local point falls on, or null when it is outside the map. */
export function hitTestMap<Row extends string>(geometry: MapGeometry<Row>, point: { x: number; y: number }): MapHit<Row> | null {
  const { x, y } = point
  if (!(x >= 0 && y >= 0 && x <= geometry.w && y <= geometry.h)) return null
  if (y < geometry.headerTop) return { kind: 'title' }
  const column = findRange(
    geometry.columns.map((c) => ({ a: c.x0, b: c.x1, stageId: c.stageId })),
    x,
    geometry.w
  )
  const row = findRange(
    geometry.rows.map((r) => ({ a: r.y0, b: r.y1, row: r.row })),
    y,
    geometry.h
  )
  if (y < geometry.bodyTop) return column ? { kind: 'header', stageId: column.stageId } : { kind: 'blank' }
  if (!row) return { kind: 'blank' }
  if (!column) return x < geometry.bodyLeft ? { kind: 'label', row: row.row } : { kind: 'blank' }
  return { kind: 'cell', stageId: column.stageId, row: row.row }
}

/** The cell (stage × row) a map-local point is in, or null when it is not in a cell. */
export function cellAt<Row extends string>(
  geometry: MapGeometry<Row>,
  point: { x: number; y: number }
): { stageId: string; row: Row } | null {
  const hit = hitTestMap(geometry, point)
  return hit?.kind === 'cell' ? { stageId: hit.stageId, row: hit.row } : null
}

/** The rectangle of one cell, or null when the stage or row does not exist. */
export function cellRect<Row extends string>(
  geometry: MapGeometry<Row>,
  stageId: string,
  row: Row
): { x: number; y: number; w: number; h: number } | null {
  const column = geometry.columns.find((c) => c.stageId === stageId)
  const range = geometry.rows.find((r) => r.row === row)
  if (!column || !range) return null
  return { x: column.x0, y: range.y0, w: column.x1 - column.x0, h: range.y1 - range.y0 }
}
