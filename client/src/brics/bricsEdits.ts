import type { Editor, TLShapeId } from 'tldraw'
import { indexAfterLast, newEntryId } from '../../../shared/shapes/keyedEntries'
import type { BricsEntry, BricsKind, StakeholderShape } from '../../../shared/shapes/stakeholder'
import { updateProps } from '../shapes/common/updateProps'

// Edits of a stakeholder card's B / R / C entries from outside the canvas (the BRiCS panel).
// Each one patches a single keyed entry of the card as it is in the store now, so a
// concurrent edit of another entry (here or remote) survives.

/** Adds an entry to one of a stakeholder's lists, after the others; returns its id. */
export function addBricsEntry(editor: Editor, stakeholderId: TLShapeId, kind: BricsKind, text = ''): string {
  const id = newEntryId()
  editor.markHistoryStoppingPoint('add BRiCS entry')
  updateProps<StakeholderShape>(editor, stakeholderId, (current) => ({
    [kind]: { ...current[kind], [id]: { text, index: indexAfterLast(current[kind]), carrierId: '' } },
  }))
  return id
}

/** Changes the text or the carrier of one entry; does nothing if the entry is gone. */
export function updateBricsEntry(
  editor: Editor,
  stakeholderId: TLShapeId,
  kind: BricsKind,
  entryId: string,
  change: Partial<Pick<BricsEntry, 'text' | 'carrierId'>>,
): void {
  editor.markHistoryStoppingPoint('edit BRiCS entry')
  updateProps<StakeholderShape>(editor, stakeholderId, (current) => {
    const entry = current[kind][entryId]
    return entry ? { [kind]: { ...current[kind], [entryId]: { ...entry, ...change } } } : null
  })
}

/** Removes one entry. */
export function removeBricsEntry(editor: Editor, stakeholderId: TLShapeId, kind: BricsKind, entryId: string): void {
  editor.markHistoryStoppingPoint('remove BRiCS entry')
  updateProps<StakeholderShape>(editor, stakeholderId, (current) => {
    if (!current[kind][entryId]) return null
    const { [entryId]: _removed, ...rest } = current[kind]
    return { [kind]: rest }
  })
}

/** Selects a shape and brings it into view, switching page if it is on another one. */
export function showOnBoard(editor: Editor, id: TLShapeId): void {
  if (!editor.getShape(id)) return
  const pageId = editor.getAncestorPageId(id)
  if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
  editor.select(id)
  editor.zoomToSelection({ animation: { duration: 220 } })
}
