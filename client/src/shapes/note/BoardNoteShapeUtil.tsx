import { getDisplayValues, Group2d, NoteShapeUtil, Rectangle2d, type Geometry2d, type TLNoteShape } from 'tldraw'
import { DeferredGeometry2d } from './DeferredGeometry2d'
import { NoteNearView } from './NoteNearView'

function labelOf(geometry: Group2d): Geometry2d {
  const label = geometry.children.find((child) => child.isLabel)
  if (label === undefined) throw new Error("tldraw's note geometry has no label part")
  return label
}

/**
 * tldraw's sticky note, made cheap to open in the thousands. Props, migrations, rendering,
 * editing and export are tldraw's, so the records are plain tldraw notes. Two things wait
 * until they are needed:
 * - the geometry of the text label, until something asks for it (hovering or clicking the
 *   label, an arrow meeting it). tldraw builds a note's whole geometry as soon as the note is
 *   in the store, as its spatial index needs every shape's bounds, and the label's size costs
 *   a text layout in the DOM (~0.2–0.3 ms a note); the bounds never include the label, so the
 *   outline is built at once and the label from tldraw's own `getGeometry` when first needed;
 * - the note's content, until the view comes near it (NoteNearView.tsx). tldraw renders every
 *   shape's component, in view or not, and hides those out of view.
 * On a 1,000-shape board the two were most of the main thread's work after the records
 * arrived (docs/performance.md, section 2, "Session 8").
 */
export class BoardNoteShapeUtil extends NoteShapeUtil {
  override component(shape: TLNoteShape) {
    return <NoteNearView util={this} shape={shape} />
  }

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
