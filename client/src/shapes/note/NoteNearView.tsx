import { useRef } from 'react'
import { NoteShapeUtil, useEditor, useValue, type Editor, type TLNoteShape, type TLShapeId } from 'tldraw'
import { aroundView, overlaps } from '../../sync/shapesInView'

/** How far around the viewport, as a share of its width and height on each side, notes are drawn in full. */
export const NEAR_VIEW_MARGIN = 0.5

/** Whether a note is in view or near it (`NEAR_VIEW_MARGIN`), selected or being edited. */
export function isNoteNearView(editor: Editor, id: TLShapeId): boolean {
  if (editor.getEditingShapeId() === id || editor.getSelectedShapeIds().includes(id)) return true
  const bounds = editor.getShapePageBounds(id)
  return bounds === undefined || overlaps(bounds, aroundView(editor.getViewportPageBounds(), NEAR_VIEW_MARGIN))
}

/** tldraw's own note component, as a component of its own (it calls hooks). */
function TldrawNote({ util, shape }: { util: NoteShapeUtil; shape: TLNoteShape }) {
  return NoteShapeUtil.prototype.component.call(util, shape)
}

/**
 * A note's content, drawn once the note has come near the view and kept from then on. Until
 * then tldraw's shape container is there (hidden, as tldraw hides every shape out of view) but
 * empty: on a board of a thousand notes, React then renders the few in view instead of all of
 * them as the board opens.
 */
export function NoteNearView({ util, shape }: { util: NoteShapeUtil; shape: TLNoteShape }) {
  const editor = useEditor()
  const seen = useRef(false)
  // Once seen, the check reads nothing reactive any more, so camera moves stop re-running it.
  const near = useValue('note near view', () => seen.current || isNoteNearView(editor, shape.id), [editor, shape.id])
  if (near) seen.current = true
  return near ? <TldrawNote util={util} shape={shape} /> : null
}
