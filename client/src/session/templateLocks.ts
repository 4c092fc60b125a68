import type { Editor, TLShape } from 'tldraw'
import { canEditLockedTemplate, type Role } from '../../../shared/access/roles'

/** True for a shape of the template's locked structure (frames, lanes, prompts, headers). */
export function isTemplateLocked(shape: TLShape): boolean {
  return shape.meta.templateLocked === true
}

/**
 * Keeps the template structure locked for people who may not edit it: their own changes to a
 * `templateLocked` shape (unlocking, moving, renaming, deleting) are refused in the store
 * before they happen. Remote changes pass (they come from facilitators; the server refuses
 * anyone else's). Facilitators are not guarded. Answers a function that removes the guard.
 */
export function guardTemplateLocks(editor: Editor, role: Role, onRefused?: () => void): () => void {
  if (canEditLockedTemplate(role)) return () => {}
  const stopChange = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
    if (source !== 'user' || !isTemplateLocked(prev)) return next
    onRefused?.()
    return prev
  })
  const stopDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
    if (source !== 'user' || !isTemplateLocked(shape)) return
    onRefused?.()
    return false
  })
  const stopCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    // Pasting or duplicating a structure shape would mint an unlocked copy marked as structure.
    if (source !== 'user' || !isTemplateLocked(shape)) return shape
    const meta = { ...shape.meta }
    delete meta.templateLocked
    return { ...shape, isLocked: false, meta }
  })
  return () => {
    stopChange()
    stopDelete()
    stopCreate()
  }
}
