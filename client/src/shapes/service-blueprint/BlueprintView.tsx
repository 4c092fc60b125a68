import { useEditor, useIsEditing } from 'tldraw'
import { term, type TermKey } from '../../../../shared/i18n-terms'
import {
  BLUEPRINT_LANES,
  BLUEPRINT_LINES,
  type ServiceBlueprintProps,
  type ServiceBlueprintShape,
} from '../../../../shared/shapes/serviceBlueprint'
import { blueprintGeometry } from '../../../../shared/rules/mapGeometry'
import { updateProps } from '../common/updateProps'
import { useShapeLocale } from '../common/useShapeLocale'
import { MapGrid } from '../map/MapGrid'
import { addStage, moveStage, removeStage } from '../map/stageActions'

/** The service blueprint: lanes, stages, and the three labelled lines between lanes. */
export function BlueprintView({ shape }: { shape: ServiceBlueprintShape }) {
  const editor = useEditor()
  const editing = useIsEditing(shape.id)
  const locale = useShapeLocale()
  const t = (key: TermKey) => term(key, locale)
  const geometry = blueprintGeometry(shape.props)
  const set = (patch: (c: ServiceBlueprintProps) => Partial<ServiceBlueprintProps> | null) =>
    updateProps<ServiceBlueprintShape>(editor, shape.id, patch)

  return (
    <div className={`dt-map dt-blueprint ${editing ? 'dt-map--editing' : ''}`}>
      <MapGrid
        geometry={geometry}
        stages={shape.props.stages}
        cells={shape.props.cells}
        title={shape.props.title}
        editing={editing}
        kicker={t('shape.service-blueprint')}
        labels={{
          stage: t('journey.stage'),
          addStage: t('action.addStage'),
          remove: t('action.remove'),
          moveLeft: t('action.moveLeft'),
          moveRight: t('action.moveRight'),
          rows: Object.fromEntries(BLUEPRINT_LANES.map((lane) => [lane, t(`blueprint.lane.${lane}`)])),
        }}
        onTitle={(title) => set(() => ({ title }))}
        onRenameStage={(stageId, name) =>
          set((c) => {
            const stage = c.stages[stageId]
            return stage ? { stages: { ...c.stages, [stageId]: { ...stage, name } } } : null
          })
        }
        onCellText={(stageId, lane, text) =>
          set((c) => ({ cells: { ...c.cells, [stageId]: { ...c.cells[stageId], [lane]: text } } }))
        }
        onAddStage={() =>
          addStage(editor, shape.id, `${t('journey.stage')} ${Object.keys(shape.props.stages).length + 1}`)
        }
        onRemoveStage={(stageId) => removeStage(editor, shape.id, stageId)}
        onMoveStage={(stageId, to) => moveStage(editor, shape.id, stageId, to)}
      />
      {BLUEPRINT_LINES.map(({ line, below }) => {
        const y = geometry.rows.find((r) => r.row === below)?.y0 ?? 0
        return (
          <div key={line} className={`dt-blueprint__line dt-blueprint__line--${line}`} style={{ top: y, width: geometry.w }}>
            <span className="dt-blueprint__line-label">{t(`blueprint.line.${line}`)}</span>
          </div>
        )
      })}
    </div>
  )
}
