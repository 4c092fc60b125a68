import type { Editor, TLShape, TLShapeId } from 'tldraw'

/**
 * Updates some props of a shape, computing the patch from the shape as it is NOW in the store,
 * not as it was when the component rendered: a collection written back from a stale render
 * would drop an entry someone else just added.
 */
export function updateProps<S extends TLShape>(
  editor: Editor,
  id: TLShapeId,
  patch: (current: S['props']) => Partial<S['props']> | null
): void {
  const shape = editor.getShape(id) as S | undefined
  if (!shape) return
  const props = patch(shape.props)
  if (!props) return
  editor.updateShape({ id, type: shape.type, props } as Parameters<Editor['updateShape']>[0])
}
