import { BaseBoxShapeUtil, type TLBaseBoxShape } from 'tldraw'

/** Base of the persona and stakeholder cards: boxes edited in place, outlined by their box. */
export abstract class CardShapeUtil<S extends TLBaseBoxShape> extends BaseBoxShapeUtil<S> {
  override canEdit(): boolean {
    return true
  }

  override getIndicatorPath(shape: S) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}
