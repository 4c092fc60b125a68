import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { term, type Locale, type TermKey } from '../../../shared/i18n-terms'
import { DESIGN_SHAPE_TYPES } from '../../../shared/shapes'
import { framesInOrder } from './boardFrames'

/** One thing the dialog offers to export on its own: a frame or a design shape. */
export interface ShapeChoice {
  id: TLShapeId
  kind: 'frame' | 'shape'
  /** The shape type's name in the UI language (for design shapes). */
  typeLabel: string
  name: string
}

function nameOf(shape: TLShape): string {
  const props = shape.props as { name?: unknown; title?: unknown }
  const value = typeof props.name === 'string' && props.name ? props.name : typeof props.title === 'string' ? props.title : ''
  return value.trim() || shape.id.replace(/^shape:/, '')
}

/** Frames (left to right), then personas, maps and stakeholder cards on the current page. */
export function shapeChoices(editor: Editor, locale: Locale): ShapeChoice[] {
  const shapes = editor.getCurrentPageShapes()
  const frames = framesInOrder(shapes, editor.getCurrentPageId()).map(
    (frame): ShapeChoice => ({ id: frame.id, kind: 'frame', typeLabel: '', name: nameOf(frame) }),
  )
  const designTypes: readonly string[] = DESIGN_SHAPE_TYPES
  const design = shapes
    .filter((shape) => designTypes.includes(shape.type))
    .sort((a, b) => a.x - b.x || a.y - b.y)
    .map((shape): ShapeChoice => ({ id: shape.id, kind: 'shape', typeLabel: term(`shape.${shape.type}` as TermKey, locale), name: nameOf(shape) }))
  return [...frames, ...design]
}

/** The board's display name: the document name tldraw keeps, else its id. */
export function boardDisplayName(editor: Editor, boardId: string): string {
  return editor.getDocumentSettings().name.trim() || boardId
}
