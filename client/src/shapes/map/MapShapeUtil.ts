import { BaseFrameLikeShapeUtil, Rectangle2d, resizeBox, type TLResizeInfo, type TLShape, type TLShapePartial } from 'tldraw'
import { MAP_LAYOUT } from '../../../../shared/shapes/mapLayout'
import type { MapGeometry } from '../../../../shared/rules/mapGeometry'
import type { MapShape } from '../../../../shared/rules/notePlacement'

// What journey maps and blueprints share: they are frame-like containers, so a note dropped on
// one is reparented to it and moves with it; their size follows their structure (stages ×
// rows), and resizing changes the column width and row height, carrying the notes along so
// each stays in its cell.

/** Shape types that can be dropped into a map cell. */
export const MAP_CHILD_TYPES: ReadonlySet<string> = new Set(['note', 'text', 'geo', 'image'])

/** Base of the journey-map and service-blueprint utils. */
export abstract class MapShapeUtil<S extends MapShape & TLShape> extends BaseFrameLikeShapeUtil<S> {
  /** The map's geometry from its props (rows differ between journey and blueprint). */
  abstract geometryOf(props: S['props']): MapGeometry<string>

  override canEdit(): boolean {
    return true
  }

  override canReceiveNewChildrenOfType(shape: S, type: TLShape['type']): boolean {
    return !shape.isLocked && MAP_CHILD_TYPES.has(type)
  }

  override getGeometry(shape: S) {
    const { w, h } = this.geometryOf(shape.props)
    return new Rectangle2d({ width: w, height: h, isFilled: true })
  }

  override getIndicatorPath(shape: S) {
    const { w, h } = this.geometryOf(shape.props)
    const path = new Path2D()
    path.rect(0, 0, w, h)
    return path
  }

  override onResize(shape: S, info: TLResizeInfo<S>) {
    const initialGeometry = this.geometryOf(info.initialShape.props)
    const columns = Math.max(1, initialGeometry.columns.length)
    const rows = Math.max(1, initialGeometry.rows.length)
    // The cached w/h may lag behind a concurrent stage add; resize from the real size.
    const initialShape = { ...info.initialShape, props: { ...info.initialShape.props, w: initialGeometry.w, h: initialGeometry.h } }
    const resized = resizeBox(initialShape, { ...info, initialShape }, {
      minWidth: MAP_LAYOUT.labelWidth + columns * MAP_LAYOUT.minCellSize,
      minHeight: initialGeometry.bodyTop + rows * MAP_LAYOUT.minCellSize,
    })
    const columnWidth = Math.max(MAP_LAYOUT.minCellSize, (resized.props.w - MAP_LAYOUT.labelWidth) / columns)
    const rowHeight = Math.max(MAP_LAYOUT.minCellSize, (resized.props.h - initialGeometry.bodyTop) / rows)
    this.carryChildren(shape, columnWidth / shape.props.columnWidth, rowHeight / shape.props.rowHeight)
    const next = this.geometryOf({ ...shape.props, columnWidth, rowHeight })
    return { x: resized.x, y: resized.y, props: { columnWidth, rowHeight, w: next.w, h: next.h } } as never
  }

  /** Scales children's centres about the cell grid's origin, so each stays in its cell. */
  private carryChildren(shape: S, sx: number, sy: number): void {
    if (sx === 1 && sy === 1) return
    const { bodyLeft, bodyTop } = this.geometryOf(shape.props)
    const updates = this.editor.getSortedChildIdsForParent(shape.id).flatMap((id): TLShapePartial[] => {
      const child = this.editor.getShape(id)
      if (!child) return []
      const bounds = this.editor.getShapeGeometry(child).bounds
      const cx = child.x + bounds.w / 2
      const cy = child.y + bounds.h / 2
      return [
        {
          id: child.id,
          type: child.type,
          x: bodyLeft + (cx - bodyLeft) * sx - bounds.w / 2,
          y: bodyTop + (cy - bodyTop) * sy - bounds.h / 2,
        },
      ]
    })
    if (updates.length > 0) this.editor.updateShapes(updates)
  }
}
