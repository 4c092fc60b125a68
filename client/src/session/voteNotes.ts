import type { Editor, TLNoteShape, TLShapeId } from 'tldraw'
import { sortByVotesLayout } from '../../../shared/session/vote'

/** Room left at the top of a frame for its title and prompt when notes are sorted into it. */
const SORT_TOP = 200
const SORT_SIDE = 60
const SORT_GAP = 30

/**
 * The notes voted on in a frame: every note whose centre lies inside the frame on its page.
 * Templates keep notes on the page rather than inside the (locked) frames, so parenthood alone
 * would miss them.
 */
export function notesInFrame(editor: Editor, frameId: string): TLNoteShape[] {
  const frame = editor.getShape(frameId as TLShapeId)
  if (!frame) return []
  const frameBounds = editor.getShapePageBounds(frame)
  const pageId = editor.getAncestorPageId(frame)
  if (!frameBounds || !pageId) return []
  const notes: TLNoteShape[] = []
  for (const id of editor.getPageShapeIds(pageId)) {
    const shape = editor.getShape(id)
    if (shape?.type !== 'note') continue
    const bounds = editor.getShapePageBounds(shape)
    if (bounds && frameBounds.containsPoint(bounds.center)) notes.push(shape as TLNoteShape)
  }
  // Reading order, so equal counts keep a stable, sensible order after sorting.
  return notes.sort((a, b) => {
    const pa = editor.getShapePageBounds(a)
    const pb = editor.getShapePageBounds(b)
    return (pa?.y ?? 0) - (pb?.y ?? 0) || (pa?.x ?? 0) - (pb?.x ?? 0)
  })
}

/** "Sort by votes": arranges the frame's notes by dots, most first, in rows inside the frame. */
export function sortFrameNotesByVotes(editor: Editor, frameId: string, results: Readonly<Record<string, number>>): void {
  const frame = editor.getShape(frameId as TLShapeId)
  const frameBounds = frame ? editor.getShapePageBounds(frame) : undefined
  if (!frame || !frameBounds) return
  const notes = notesInFrame(editor, frameId)
  const sizes = notes.map((note) => {
    const bounds = editor.getShapePageBounds(note)
    return { id: note.id as string, w: bounds?.w ?? 200, h: bounds?.h ?? 200 }
  })
  const layout = sortByVotesLayout(sizes, results, {
    width: frameBounds.w - SORT_SIDE * 2,
    left: frameBounds.x + SORT_SIDE,
    top: frameBounds.y + SORT_TOP,
    gap: SORT_GAP,
  })
  editor.run(() => {
    editor.updateShapes(
      layout.map(({ id, x, y }) => {
        const note = editor.getShape(id as TLShapeId)!
        // Positions are computed on the page; a note inside a group or frame stores parent-relative ones.
        const local = editor.getPointInParentSpace(note, { x, y })
        return { id: note.id, type: note.type, x: local.x, y: local.y }
      }),
    )
  })
}
