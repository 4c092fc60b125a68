import { getDisplayValues, Group2d, NoteShapeUtil, Rectangle2d, type Geometry2d, type TLNoteShape } from 'tldraw'
import { DeferredGeometry2d } from './DeferredGeometry2d'

function labelOf(geometry: Group2d): Geometry2d {
  const label = geometry.children.find((child) => child.isLabel)
  if (label === undefined) throw new Error("tldraw's note geometry has no label part")
  return label
}

/**
 * tldraw's sticky note, with its text label's geometry worked out only when something asks for
 * it (hovering or clicking the label, an arrow meeting it), not when the note's outline is.
 * tldraw builds a note's whole geometry, label included, as soon as the note is in the store:
 * its spatial index needs every shape's bounds, and the label's size costs a text layout in
 * the DOM (~0.2–0.3 ms a note). On a board of 1,000 shapes that was a quarter of the main
 * thread's work on open (docs/performance.md, "Board open"); the bounds never depend on the
 * label (tldraw keeps it out of them), so the outline is built at once and the label from
 * tldraw's own `getGeometry` when first needed. Props, rendering, editing and export are
 * tldraw's, unchanged; the records are the same, so plain tldraw opens the board as it is.
 */
export class BoardNoteShapeUtil extends NoteShapeUtil {
  override getGeometry(shape: TLNoteShape): Group2d {
    // tldraw's note outline: the note's width, and its height grown by the label (growY).
    const { noteWidth, noteHeight } = getDisplayValues(this, shape)
    const { scale, growY } = shape.props
    return new Group2d({
      children: [
        new Rectangle2d({ width: noteWidth * scale, height: (noteHeight + growY) * scale, isFilled: true }),
        new DeferredGeometry2d(() => labelOf(super.getGeometry(shape)), { isFilled: true, isLabel: true, excludeFromShapeBounds: true }),
      ],
    })
  }
}
