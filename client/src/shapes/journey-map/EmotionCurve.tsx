import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import { EMOTION_MAX, EMOTION_MIN, type JourneyMapProps, type JourneyMapShape } from '../../../../shared/shapes/journeyMap'
import { clampEmotion, emotionPath, emotionPoints, yToEmotion } from '../../../../shared/rules/emotionCurve'
import type { MapGeometry } from '../../../../shared/rules/mapGeometry'
import { updateProps } from '../common/updateProps'

// The emotion row: a curve through one point per stage. Dragging a point (or arrow keys on a
// focused point) sets that stage's score, −2 … +2; only that stage's `emotion` is written.

function setEmotion(editor: ReturnType<typeof useEditor>, shape: JourneyMapShape, stageId: string, score: number) {
  updateProps<JourneyMapShape>(editor, shape.id, (current: JourneyMapProps) => {
    const stage = current.stages[stageId]
    if (!stage || stage.emotion === score) return null
    return { stages: { ...current.stages, [stageId]: { ...stage, emotion: score } } }
  })
}

/** SVG overlay with the curve and its draggable points. */
export function EmotionCurve({ shape, geometry, label }: { shape: JourneyMapShape; geometry: MapGeometry<string>; label: string }) {
  const editor = useEditor()
  const dragging = useRef<string | null>(null)
  const canDrag = useValue(
    'emotion points draggable',
    () => !editor.getIsReadonly() && !editor.isShapeOrAncestorLocked(shape.id),
    [editor, shape.id]
  )
  const row = geometry.rows.find((r) => r.row === 'emotions')
  if (!row) return null
  const points = emotionPoints(geometry, shape.props.stages)

  const onPointerDown = (stageId: string) => (e: PointerEvent<SVGCircleElement>) => {
    if (!canDrag) return
    e.stopPropagation()
    e.currentTarget.setPointerCapture(e.pointerId)
    editor.markHistoryStoppingPoint('set emotion')
    dragging.current = stageId
  }
  const onPointerMove = (e: PointerEvent<SVGCircleElement>) => {
    const stageId = dragging.current
    if (!stageId) return
    e.stopPropagation()
    const local = editor.getPointInShapeSpace(shape.id, editor.screenToPage({ x: e.clientX, y: e.clientY }))
    setEmotion(editor, shape, stageId, yToEmotion(local.y, row.y0, row.y1))
  }
  const onPointerUp = (e: PointerEvent<SVGCircleElement>) => {
    if (!dragging.current) return
    e.stopPropagation()
    e.currentTarget.releasePointerCapture(e.pointerId)
    dragging.current = null
  }
  const onKeyDown = (stageId: string, score: number) => (e: KeyboardEvent<SVGCircleElement>) => {
    const step = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0
    if (!step || !canDrag) return
    e.preventDefault()
    e.stopPropagation()
    setEmotion(editor, shape, stageId, clampEmotion(score + step))
  }

  return (
    <svg className="dt-emotion" width={geometry.w} height={geometry.h} aria-label={label}>
      <line className="dt-emotion__zero" x1={geometry.bodyLeft} x2={geometry.w} y1={(row.y0 + row.y1) / 2} y2={(row.y0 + row.y1) / 2} />
      <path className="dt-emotion__curve" d={emotionPath(points)} />
      {points.map((p) => (
        <circle
          key={p.stageId}
          className={`dt-emotion__point dt-emotion__point--${p.score > 0 ? 'up' : p.score < 0 ? 'down' : 'flat'}`}
          cx={p.x}
          cy={p.y}
          r={10}
          role="slider"
          tabIndex={canDrag ? 0 : -1}
          aria-label={`${label} ${shape.props.stages[p.stageId]?.name ?? ''}`}
          aria-valuemin={EMOTION_MIN}
          aria-valuemax={EMOTION_MAX}
          aria-valuenow={p.score}
          style={{ pointerEvents: canDrag ? 'all' : 'none', cursor: canDrag ? 'ns-resize' : 'default' }}
          onPointerDown={onPointerDown(p.stageId)}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onKeyDown={onKeyDown(p.stageId, p.score)}
        />
      ))}
    </svg>
  )
}
