import type { Editor, TLFrameShape, TLShape } from 'tldraw'
import type { StepId } from '../../../shared/session/steps'

// A template marks each step's frame with `meta.step = '<stepId>'` (shared/templates/fiveStep.ts);
// the frame of a step is the frame shape carrying that mark, on whichever page it is.

function isStepFrame(shape: TLShape, step: StepId): shape is TLFrameShape {
  return shape.type === 'frame' && shape.meta.step === step
}

/** The frame of `step`, looking at the current page first, then at every page. */
export function findStepFrame(editor: Editor, step: StepId): TLFrameShape | null {
  const onPage = editor.getCurrentPageShapes().find((shape) => isStepFrame(shape, step))
  if (onPage) return onPage
  for (const record of editor.store.allRecords()) {
    if (record.typeName === 'shape' && isStepFrame(record, step)) return record
  }
  return null
}

/** Moves the camera to show the frame of `step` (switching page if needed); false if there is none. */
export function zoomToStep(editor: Editor, step: StepId, animate = true): boolean {
  const frame = findStepFrame(editor, step)
  if (!frame) return false
  const pageId = editor.getAncestorPageId(frame)
  if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
  const bounds = editor.getShapePageBounds(frame)
  if (!bounds) return false
  editor.setCamera(cameraForFrame(bounds, editor.getViewportScreenBounds()), animate ? { animation: { duration: 400 } } : {})
  return true
}

/** Screen room kept above a step's frame for the step banner and timer, and around its other sides. */
const ROOM_TOP = 170
const ROOM_SIDE = 40

/**
 * The camera that shows a whole frame centred across the screen, its top edge just below the
 * step banner (so the banner never hides the frame's prompt). Never zooms in past 100 %.
 */
export function cameraForFrame(
  frame: { x: number; y: number; w: number; h: number },
  screen: { w: number; h: number },
): { x: number; y: number; z: number } {
  const z = Math.min(1, (screen.w - 2 * ROOM_SIDE) / frame.w, (screen.h - ROOM_TOP - ROOM_SIDE) / frame.h)
  const zoom = Math.max(z, 0.05)
  return { x: screen.w / (2 * zoom) - (frame.x + frame.w / 2), y: ROOM_TOP / zoom - frame.y, z: zoom }
}

/** The frame the facilitator means by "this frame": the selected frame, else the current step's frame. */
export function targetFrame(editor: Editor, step: StepId | null): TLFrameShape | null {
  const selected = editor.getOnlySelectedShape()
  if (selected?.type === 'frame') return selected as TLFrameShape
  return step ? findStepFrame(editor, step) : null
}
