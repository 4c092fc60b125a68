import { createShapeId, type Editor, type TLArrowBinding, type TLNoteShape, type TLShapeId } from 'tldraw'
import { noteCell } from '../../../shared/rules/notePlacement'
import { SERVICE_BLUEPRINT_TYPE, STEP_LANES, type ServiceBlueprintShape } from '../../../shared/shapes/serviceBlueprint'
import { STAKEHOLDER_TYPE, type StakeholderShape } from '../../../shared/shapes/stakeholder'

// "Link stakeholder": ties a blueprint step (a note in a front-stage, back-stage or support
// lane) to a stakeholder card with an arrow bound at both ends, exactly what drawing the arrow
// by hand makes, so bricsAnalysis reads both the same way and undo removes it in one step.

const STEP_LANE_SET: ReadonlySet<string> = new Set(STEP_LANES)

/** The note if `id` is a blueprint step (a note in a step lane of a service blueprint), else null. */
export function blueprintStep(editor: Editor, id: TLShapeId): TLNoteShape | null {
  const note = editor.getShape(id)
  if (note?.type !== 'note') return null
  const parent = editor.getShape(note.parentId as TLShapeId)
  if (parent?.type !== SERVICE_BLUEPRINT_TYPE) return null
  const cell = noteCell(note as TLNoteShape, parent as ServiceBlueprintShape)
  return cell && STEP_LANE_SET.has(cell.row) ? (note as TLNoteShape) : null
}

/** The stakeholder cards on the current page, in reading order (top to bottom, left to right). */
export function stakeholderCards(editor: Editor): StakeholderShape[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape): shape is StakeholderShape => shape.type === STAKEHOLDER_TYPE)
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
}

/** The stakeholder card at or around `id` (a shape inside a card counts as the card), or null. */
export function stakeholderAt(editor: Editor, id: TLShapeId | undefined): StakeholderShape | null {
  let shape = id ? editor.getShape(id) : undefined
  while (shape) {
    if (shape.type === STAKEHOLDER_TYPE) return shape as StakeholderShape
    shape = editor.getShape(shape.parentId as TLShapeId)
  }
  return null
}

/** The arrow already linking the step and the stakeholder (either direction), if any. */
export function existingLink(editor: Editor, stepId: TLShapeId, stakeholderId: TLShapeId): TLShapeId | null {
  for (const binding of editor.getBindingsToShape<TLArrowBinding>(stepId, 'arrow')) {
    const otherEnds = editor.getBindingsFromShape<TLArrowBinding>(binding.fromId, 'arrow')
    if (otherEnds.some((other) => other.id !== binding.id && other.toId === stakeholderId)) return binding.fromId
  }
  return null
}

const CENTRE_ANCHOR = { normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false } as const

/**
 * Links a blueprint step to a stakeholder card: an arrow from the note to the card, bound at
 * both ends. Returns the arrow's id (the existing one when they are linked already). Throws
 * when `stepId` is not a blueprint step or `stakeholderId` not a stakeholder card.
 */
export function linkStepToStakeholder(editor: Editor, stepId: TLShapeId, stakeholderId: TLShapeId): TLShapeId {
  if (!blueprintStep(editor, stepId)) {
    throw new Error(`${stepId} is not a blueprint step: link a note in a front-stage, back-stage or support lane`)
  }
  if (editor.getShape(stakeholderId)?.type !== STAKEHOLDER_TYPE) {
    throw new Error(`${stakeholderId} is not a stakeholder card: pick a stakeholder (BRiCS) card`)
  }
  const existing = existingLink(editor, stepId, stakeholderId)
  if (existing) return existing

  const from = editor.getShapePageBounds(stepId)!.center
  const to = editor.getShapePageBounds(stakeholderId)!.center
  const arrowId = createShapeId()
  editor.markHistoryStoppingPoint('link stakeholder')
  editor.run(() => {
    editor.createShape({
      id: arrowId,
      type: 'arrow',
      parentId: editor.getAncestorPageId(stepId),
      x: from.x,
      y: from.y,
      props: { start: { x: 0, y: 0 }, end: { x: to.x - from.x, y: to.y - from.y } },
    })
    editor.createBindings([
      { type: 'arrow', fromId: arrowId, toId: stepId, props: { terminal: 'start', ...CENTRE_ANCHOR } },
      { type: 'arrow', fromId: arrowId, toId: stakeholderId, props: { terminal: 'end', ...CENTRE_ANCHOR } },
    ])
  })
  return arrowId
}
