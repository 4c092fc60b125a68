import { Geometry2d, type Box, type Geometry2dFilters, type Vec, type VecLike } from 'tldraw'

/** The flags a deferred geometry shows before it is built: they must be those of what it builds. */
export interface DeferredGeometryFlags {
  isFilled: boolean
  isLabel?: boolean
  excludeFromShapeBounds?: boolean
}

/**
 * A closed geometry built the first time anything asks about it, then answering exactly as
 * the built one does (every query is passed on). For parts of a shape's geometry that are
 * costly to compute and rarely asked for, such as a note's text label (a text measurement),
 * which tldraw's spatial index would otherwise compute for every shape of a board as it loads.
 */
export class DeferredGeometry2d extends Geometry2d {
  private built: Geometry2d | null = null

  constructor(
    private readonly build: () => Geometry2d,
    flags: DeferredGeometryFlags,
  ) {
    super({ ...flags, isClosed: true })
  }

  /** Whether the geometry has been built (tests read it). */
  get isBuilt(): boolean {
    return this.built !== null
  }

  private get geometry(): Geometry2d {
    this.built ??= this.build()
    return this.built
  }

  override getVertices(filters: Geometry2dFilters): Vec[] {
    return this.geometry.getVertices(filters)
  }
  override nearestPoint(point: VecLike, filters?: Geometry2dFilters): Vec {
    return this.geometry.nearestPoint(point, filters)
  }
  override hitTestPoint(point: VecLike, margin?: number, hitInside?: boolean, filters?: Geometry2dFilters): boolean {
    return this.geometry.hitTestPoint(point, margin, hitInside, filters)
  }
  override distanceToPoint(point: VecLike, hitInside?: boolean, filters?: Geometry2dFilters): number {
    return this.geometry.distanceToPoint(point, hitInside, filters)
  }
  override distanceToLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters): number {
    return this.geometry.distanceToLineSegment(A, B, filters)
  }
  override hitTestLineSegment(A: VecLike, B: VecLike, distance?: number, filters?: Geometry2dFilters): boolean {
    return this.geometry.hitTestLineSegment(A, B, distance, filters)
  }
  override intersectLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters): VecLike[] {
    return this.geometry.intersectLineSegment(A, B, filters)
  }
  override intersectCircle(center: VecLike, radius: number, filters?: Geometry2dFilters): VecLike[] {
    return this.geometry.intersectCircle(center, radius, filters)
  }
  override intersectPolygon(polygon: VecLike[], filters?: Geometry2dFilters): VecLike[] {
    return this.geometry.intersectPolygon(polygon, filters)
  }
  override intersectPolyline(polyline: VecLike[], filters?: Geometry2dFilters): VecLike[] {
    return this.geometry.intersectPolyline(polyline, filters)
  }
  override interpolateAlongEdge(t: number, filters?: Geometry2dFilters): Vec {
    return this.geometry.interpolateAlongEdge(t, filters)
  }
  override uninterpolateAlongEdge(point: VecLike, filters?: Geometry2dFilters): number {
    return this.geometry.uninterpolateAlongEdge(point, filters)
  }
  override isPointInBounds(point: VecLike, margin?: number): boolean {
    return this.geometry.isPointInBounds(point, margin)
  }
  override overlapsPolygon(polygon: VecLike[]): boolean {
    return this.geometry.overlapsPolygon(polygon)
  }
  override getBoundsVertices(): Vec[] {
    // What a group's bounds ask of each part: nothing of a part kept out of them (a label).
    if (this.excludeFromShapeBounds) return []
    return this.geometry.getBoundsVertices()
  }
  override getBounds(): Box {
    return this.geometry.getBounds()
  }
  override getArea(): number {
    return this.geometry.getArea()
  }
  override toSimpleSvgPath(): string {
    return this.geometry.toSimpleSvgPath()
  }
  override getLength(filters?: Geometry2dFilters): number {
    return this.geometry.getLength(filters)
  }
  override ignoreHit(point: VecLike): boolean {
    return this.geometry.ignoreHit(point)
  }
  override getSvgPathData(first: boolean): string {
    return this.geometry.getSvgPathData(first)
  }
}
