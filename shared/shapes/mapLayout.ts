import { T } from '@tldraw/validate'

// Geometry constants shared by the map renderers (client) and the cell hit-test (shared/rules):
// one source, so a note is drawn in the cell the analysis thinks it is in.

/** Fixed parts of journey-map and blueprint geometry, in shape-local page units. */
export const MAP_LAYOUT = {
  /** Height of the title bar across the top. */
  titleHeight: 40,
  /** Height of the stage header row under the title bar. */
  headerHeight: 44,
  /** Width of the row/lane label column on the left. */
  labelWidth: 140,
  /** Column width and row height a new map gets: room for one default sticky note. */
  defaultColumnWidth: 240,
  defaultRowHeight: 220,
  /** Smallest column width and row height a map can be resized to. */
  minCellSize: 60,
  /** Vertical padding inside the emotion row, so ±2 points are not drawn on the border. */
  emotionPadding: 24,
  /** Side of an unscaled tldraw note (tldraw's NOTE_SIZE). */
  noteSize: 200,
} as const

/**
 * The size of a map with `columns` stage columns of `columnWidth` and `rows` rows of `rowHeight`.
 * A map's size follows from its structure (not the reverse), so two people adding stages at the
 * same time get two full-width columns, and notes stay in their cells.
 */
export function mapSizeFor(
  columns: number,
  rows: number,
  columnWidth: number = MAP_LAYOUT.defaultColumnWidth,
  rowHeight: number = MAP_LAYOUT.defaultRowHeight
): { w: number; h: number } {
  return {
    w: MAP_LAYOUT.labelWidth + columnWidth * Math.max(1, columns),
    h: MAP_LAYOUT.titleHeight + MAP_LAYOUT.headerHeight + rowHeight * rows,
  }
}

/** Validates a column width or row height: a finite number no smaller than the minimum row height. */
export const mapCellSizeValidator = T.number.check((size) => {
  if (!Number.isFinite(size) || size < MAP_LAYOUT.minCellSize) {
    throw new Error(`cell size ${size} is too small: use at least ${MAP_LAYOUT.minCellSize}`)
  }
})
