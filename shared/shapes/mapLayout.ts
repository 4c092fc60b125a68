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
	/** Smallest column and row the maps can be resized to. */
	minColumnWidth: 80,
	minRowHeight: 60,
	/** Vertical padding inside the emotion row, so ±2 points are not drawn on the border. */
	emotionPadding: 24,
	/** Side of an unscaled tldraw note (tldraw's NOTE_SIZE). */
	noteSize: 200,
} as const

/** The size that gives `columns` stage columns and `rows` rows room for a default note each. */
export function mapSizeFor(columns: number, rows: number): { w: number; h: number } {
	return {
		w: MAP_LAYOUT.labelWidth + MAP_LAYOUT.defaultColumnWidth * Math.max(1, columns),
		h: MAP_LAYOUT.titleHeight + MAP_LAYOUT.headerHeight + MAP_LAYOUT.defaultRowHeight * rows,
	}
}
