import type { ReactNode } from 'react'
import { sortedEntries, type Keyed } from '../../../../shared/shapes/keyedEntries'
import type { MapGeometry } from '../../../../shared/rules/mapGeometry'
import { EditableText, stopCanvasPointer } from '../common/EditableText'

// The grid both maps draw: title bar, stage headers, row/lane labels, cells with their typed
// text, all positioned from the shared geometry so drawing and hit-testing agree.

export interface MapGridLabels {
  stage: string
  addStage: string
  remove: string
  moveLeft: string
  moveRight: string
  rows: Record<string, string>
}

export interface MapGridProps {
  geometry: MapGeometry<string>
  stages: Keyed<{ name: string; index: string }>
  cells: Keyed<Partial<Record<string, string>>>
  title: string
  editing: boolean
  labels: MapGridLabels
  /** Shown before the title (the map's kind). */
  kicker: string
  /** Extra content in the title bar (persona chip, actions). */
  titleExtra?: ReactNode
  /** Rows whose cell text is not shown (the emotion row draws a curve instead). */
  textlessRows?: ReadonlySet<string>
  onTitle: (title: string) => void
  onRenameStage: (stageId: string, name: string) => void
  onCellText: (stageId: string, row: string, text: string) => void
  onAddStage: () => void
  onRemoveStage: (stageId: string) => void
  onMoveStage: (stageId: string, to: number) => void
}

/** Title bar, headers, labels and cells of a journey map or blueprint. */
export function MapGrid(props: MapGridProps) {
  const { geometry: g, stages, cells, editing, labels } = props
  const order = sortedEntries(stages as Keyed<{ name: string; index: never }>).map(([id]) => id)
  const interactive = editing ? { onPointerDown: stopCanvasPointer, style: { pointerEvents: 'all' as const } } : {}
  return (
    <>
      <div className="dt-map__title" style={{ height: g.headerTop }} {...interactive}>
        <span className="dt-kicker">{props.kicker}</span>
        <EditableText
          className="dt-map__title-text"
          value={props.title}
          editing={editing}
          label={props.kicker}
          placeholder={props.kicker}
          onCommit={props.onTitle}
        />
        {props.titleExtra}
        {editing && (
          <button type="button" className="dt-button" onPointerDown={stopCanvasPointer} onClick={props.onAddStage}>
            + {labels.addStage}
          </button>
        )}
      </div>
      {g.rows.map((r, i) => (
        <div
          key={r.row}
          className={`dt-map__label dt-map__row--${i % 2}`}
          style={{ top: r.y0, height: r.y1 - r.y0, width: g.bodyLeft }}
        >
          {labels.rows[r.row] ?? r.row}
        </div>
      ))}
      {g.columns.map((c, position) => {
        const stage = stages[c.stageId]
        return (
          <div key={c.stageId}>
            <div
              className="dt-map__header"
              style={{ left: c.x0, top: g.headerTop, width: c.x1 - c.x0, height: g.bodyTop - g.headerTop }}
              {...interactive}
            >
              <EditableText
                value={stage?.name ?? ''}
                editing={editing}
                label={`${labels.stage} ${position + 1}`}
                placeholder={`${labels.stage} ${position + 1}`}
                onCommit={(name) => props.onRenameStage(c.stageId, name)}
              />
              {editing && (
                <span className="dt-map__stage-actions">
                  <button
                    type="button"
                    className="dt-button dt-button--icon"
                    aria-label={labels.moveLeft}
                    title={labels.moveLeft}
                    disabled={position === 0}
                    onPointerDown={stopCanvasPointer}
                    onClick={() => props.onMoveStage(c.stageId, position - 1)}
                  >
                    ‹
                  </button>
                  <button
                    type="button"
                    className="dt-button dt-button--icon"
                    aria-label={labels.moveRight}
                    title={labels.moveRight}
                    disabled={position === order.length - 1}
                    onPointerDown={stopCanvasPointer}
                    onClick={() => props.onMoveStage(c.stageId, position + 1)}
                  >
                    ›
                  </button>
                  <button
                    type="button"
                    className="dt-button dt-button--icon"
                    aria-label={labels.remove}
                    title={labels.remove}
                    onPointerDown={stopCanvasPointer}
                    onClick={() => props.onRemoveStage(c.stageId)}
                  >
                    ×
                  </button>
                </span>
              )}
            </div>
            {g.rows.map((r, i) =>
              props.textlessRows?.has(r.row) ? (
                <div
                  key={r.row}
                  className={`dt-map__cell dt-map__row--${i % 2}`}
                  style={{ left: c.x0, top: r.y0, width: c.x1 - c.x0, height: r.y1 - r.y0 }}
                />
              ) : (
                <div
                  key={r.row}
                  className={`dt-map__cell dt-map__row--${i % 2}`}
                  style={{ left: c.x0, top: r.y0, width: c.x1 - c.x0, height: r.y1 - r.y0 }}
                  {...interactive}
                >
                  <EditableText
                    multiline
                    className="dt-map__cell-text"
                    value={cells[c.stageId]?.[r.row] ?? ''}
                    editing={editing}
                    label={`${stage?.name ?? ''} · ${labels.rows[r.row] ?? r.row}`}
                    onCommit={(text) => props.onCellText(c.stageId, r.row, text)}
                  />
                </div>
              )
            )}
          </div>
        )
      })}
    </>
  )
}
