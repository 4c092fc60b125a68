import type { ReactNode } from 'react'
import { useEditor } from 'tldraw'
import type { TermKey } from '../../../../shared/i18n-terms'
import type { MapGeometry } from '../../../../shared/rules/mapGeometry'
import type { MapShape } from '../../../../shared/rules/notePlacement'
import { updateProps } from '../common/updateProps'
import { MapGrid } from './MapGrid'
import { addStage, moveStage, removeStage } from './stageActions'

// Journey maps and blueprints edit their title, stage names, cell texts and stages the same
// way; only the row labels and what sits in the title bar differ.

export interface MapShapeGridProps {
  shape: MapShape
  geometry: MapGeometry<string>
  editing: boolean
  /** Terms in the board's locale. */
  t: (key: TermKey) => string
  /** Shown before the title (the map's kind). */
  kicker: string
  /** Label of each row or lane, by its key. */
  rowLabels: Record<string, string>
  /** Extra content in the title bar (persona chip, actions). */
  titleExtra?: ReactNode
  /** Rows whose cell text is not shown. */
  textlessRows?: ReadonlySet<string>
}

/** A map shape's grid, wired to its props and the stage actions. */
export function MapShapeGrid({ shape, geometry, editing, t, kicker, rowLabels, titleExtra, textlessRows }: MapShapeGridProps) {
  const editor = useEditor()
  const set = (patch: (c: MapShape['props']) => Partial<MapShape['props']> | null) =>
    updateProps<MapShape>(editor, shape.id, patch)

  return (
    <MapGrid
      geometry={geometry}
      stages={shape.props.stages}
      cells={shape.props.cells}
      title={shape.props.title}
      editing={editing}
      kicker={kicker}
      titleExtra={titleExtra}
      textlessRows={textlessRows}
      labels={{
        stage: t('journey.stage'),
        addStage: t('action.addStage'),
        remove: t('action.remove'),
        moveLeft: t('action.moveLeft'),
        moveRight: t('action.moveRight'),
        rows: rowLabels,
      }}
      onTitle={(title) => set(() => ({ title }))}
      onRenameStage={(stageId, name) =>
        set((c) => {
          const stage = c.stages[stageId]
          return stage ? { stages: { ...c.stages, [stageId]: { ...stage, name } } } : null
        })
      }
      onCellText={(stageId, row, text) =>
        set((c) => ({ cells: { ...c.cells, [stageId]: { ...c.cells[stageId], [row]: text } } }))
      }
      onAddStage={() =>
        addStage(editor, shape.id, `${t('journey.stage')} ${Object.keys(shape.props.stages).length + 1}`)
      }
      onRemoveStage={(stageId) => removeStage(editor, shape.id, stageId)}
      onMoveStage={(stageId, to) => moveStage(editor, shape.id, stageId, to)}
    />
  )
}
