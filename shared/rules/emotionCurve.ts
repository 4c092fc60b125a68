import type { IndexKey } from '@tldraw/utils'
import { EMOTION_MAX, EMOTION_MIN } from '../shapes/journeyMap'
import { MAP_LAYOUT } from '../shapes/mapLayout'
import type { MapGeometry } from './mapGeometry'

// The emotion row of a journey map: each stage's score (−2 … +2) is a point, +2 at the top of
// the row, −2 at the bottom, and the curve runs through the points in stage order.

/** Rounds and clamps any number to a valid emotion score (an integer −2 … +2). */
export function clampEmotion(value: number): number {
  if (!Number.isFinite(value)) return 0
  const rounded = Math.round(value)
  // Math.round(-0.4) is -0; the validator is fine with it, but tests and JSON are clearer with 0.
  return Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, rounded)) || 0
}

/** The y range points are drawn in: the row minus a padding at top and bottom. */
function plotRange(rowTop: number, rowBottom: number): { top: number; bottom: number } {
  const padding = Math.min(MAP_LAYOUT.emotionPadding, (rowBottom - rowTop) / 4)
  return { top: rowTop + padding, bottom: rowBottom - padding }
}

/** The y (map-local) at which `score` is drawn in a row spanning rowTop … rowBottom. */
export function emotionToY(score: number, rowTop: number, rowBottom: number): number {
  const { top, bottom } = plotRange(rowTop, rowBottom)
  const t = (EMOTION_MAX - clampEmotion(score)) / (EMOTION_MAX - EMOTION_MIN)
  return top + t * (bottom - top)
}

/** The score a point dragged to y (map-local) sets: nearest level, clamped to −2 … +2. */
export function yToEmotion(y: number, rowTop: number, rowBottom: number): number {
  const { top, bottom } = plotRange(rowTop, rowBottom)
  if (bottom <= top) return 0
  const t = (y - top) / (bottom - top)
  return clampEmotion(EMOTION_MAX - t * (EMOTION_MAX - EMOTION_MIN))
}

/** One point of the curve, at the centre of its stage column. */
export interface EmotionPoint {
  stageId: string
  x: number
  y: number
  score: number
}

/** The curve's points for the stages in column order; empty when the map has no emotion row. */
export function emotionPoints(
  geometry: MapGeometry<string>,
  stages: Record<string, { index: IndexKey; emotion: number }>
): EmotionPoint[] {
  const row = geometry.rows.find((r) => r.row === 'emotions')
  if (!row) return []
  return geometry.columns.flatMap((column) => {
    const stage = stages[column.stageId]
    if (!stage) return []
    const score = clampEmotion(stage.emotion)
    return [{ stageId: column.stageId, x: (column.x0 + column.x1) / 2, y: emotionToY(score, row.y0, row.y1), score }]
  })
}

/** An SVG path through the points: straight segments, smoothed with a cubic through midpoints. */
export function emotionPath(points: readonly EmotionPoint[]): string {
  const first = points[0]
  if (!first) return ''
  let d = `M ${first.x} ${first.y}`
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!
    const b = points[i]!
    const midX = (a.x + b.x) / 2
    d += ` C ${midX} ${a.y} ${midX} ${b.y} ${b.x} ${b.y}`
  }
  return d
}
