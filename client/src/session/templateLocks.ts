import { Mat, type Editor, type TLParentId, type TLShape } from 'tldraw'
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

/**
 * Keeps content out of locked template frames, for everyone: tldraw would make a note dropped
 * onto a frame its child, and children of a locked frame are locked too, so the note would be
 * stuck for participants. Such a shape goes to the frame's own parent (the page) instead, at
 * the same place on the page. Structure shapes themselves (prompts, areas) stay where they are.
 * Answers a function that stops it.
 */
export function keepContentOutOfLockedFrames(editor: Editor): () => void {
  const lockedParent = (parentId: TLParentId): TLShape | null => {
    const parent = editor.getShape(parentId as TLShape['id'])
    return parent && isTemplateLocked(parent) ? parent : null
  }
  const outOf = <T extends TLShape>(shape: T, frame: TLShape): T => {
    const pagePoint = editor.getShapePageTransform(frame).applyToPoint({ x: shape.x, y: shape.y })
    const newParent = frame.parentId
    const grandparent = editor.getShape(newParent as TLShape['id'])
    const local = grandparent ? Mat.applyToPoint(Mat.Inverse(editor.getShapePageTransform(grandparent)), pagePoint) : pagePoint
    return { ...shape, parentId: newParent, x: local.x, y: local.y }
  }
  const stopChange = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
    if (source !== 'user' || next.parentId === prev.parentId || isTemplateLocked(next)) return next
    const frame = lockedParent(next.parentId)
    return frame ? outOf(next, frame) : next
  })
  const stopCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || isTemplateLocked(shape)) return shape
    const frame = lockedParent(shape.parentId)
    return frame ? outOf(shape, frame) : shape
  })
  return () => {
    stopChange()
    stopCreate()
  }
}
