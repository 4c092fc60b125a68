import { useEditor, useIsEditing, useValue, type TLShapeId } from 'tldraw'
import { term, type TermKey } from '../../../../shared/i18n-terms'
import { JOURNEY_ROWS, type JourneyMapProps, type JourneyMapShape } from '../../../../shared/shapes/journeyMap'
import { PERSONA_TYPE, type PersonaShape } from '../../../../shared/shapes/persona'
import { journeyGeometry } from '../../../../shared/rules/mapGeometry'
import { stopCanvasPointer } from '../common/EditableText'
import { updateProps } from '../common/updateProps'
import { useShapeLocale } from '../common/useShapeLocale'
import { MapGrid } from '../map/MapGrid'
import { addStage, moveStage, removeStage } from '../map/stageActions'
import { createBlueprintFromJourney } from '../service-blueprint/createBlueprintFromJourney'
import { EmotionCurve } from './EmotionCurve'

const TEXTLESS_ROWS: ReadonlySet<string> = new Set(['emotions'])

/** The journey map: grid, emotion curve, and the persona it follows. */
export function JourneyMapView({ shape }: { shape: JourneyMapShape }) {
  const editor = useEditor()
  const editing = useIsEditing(shape.id)
  const locale = useShapeLocale()
  const t = (key: TermKey) => term(key, locale)
  const geometry = journeyGeometry(shape.props)
  const set = (patch: (c: JourneyMapProps) => Partial<JourneyMapProps> | null) =>
    updateProps<JourneyMapShape>(editor, shape.id, patch)

  const persona = useValue(
    'journey persona',
    () => {
      const found = shape.props.personaId ? editor.getShape(shape.props.personaId as TLShapeId) : undefined
      return found?.type === PERSONA_TYPE ? (found as PersonaShape) : null
    },
    [editor, shape.props.personaId]
  )
  const personaChoices = useValue(
    'persona choices',
    () =>
      editing
        ? editor
            .getCurrentPageShapes()
            .filter((s): s is PersonaShape => s.type === PERSONA_TYPE)
            .map((s) => ({ id: s.id, name: s.props.name || s.props.role || s.id }))
        : [],
    [editor, editing]
  )

  const personaChip = editing ? (
    <select
      className="dt-select"
      aria-label={t('journey.persona')}
      value={persona ? shape.props.personaId : ''}
      onPointerDown={stopCanvasPointer}
      onChange={(e) => {
        const personaId = e.currentTarget.value
        set(() => ({ personaId }))
      }}
    >
      <option value="">{t('journey.noPersona')}</option>
      {personaChoices.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  ) : (
    <span className="dt-map__persona" title={t('journey.persona')}>
      {persona ? (
        <>
          <span className="dt-map__persona-avatar">{persona.props.avatar.text || '🙂'}</span>
          {persona.props.name || persona.props.role}
        </>
      ) : null}
    </span>
  )

  return (
    <div className={`dt-map dt-journey ${editing ? 'dt-map--editing' : ''}`}>
      <MapGrid
        geometry={geometry}
        stages={shape.props.stages}
        cells={shape.props.cells}
        title={shape.props.title}
        editing={editing}
        kicker={t('shape.journey-map')}
        titleExtra={
          <>
            {personaChip}
            {editing && (
              <button
                type="button"
                className="dt-button"
                onPointerDown={stopCanvasPointer}
                onClick={() => createBlueprintFromJourney(editor, shape.id)}
              >
                {t('blueprint.fromJourney')}
              </button>
            )}
          </>
        }
        textlessRows={TEXTLESS_ROWS}
        labels={{
          stage: t('journey.stage'),
          addStage: t('action.addStage'),
          remove: t('action.remove'),
          moveLeft: t('action.moveLeft'),
          moveRight: t('action.moveRight'),
          rows: Object.fromEntries(JOURNEY_ROWS.map((row) => [row, t(`journey.row.${row}`)])),
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
      <EmotionCurve shape={shape} geometry={geometry} label={t('journey.row.emotions')} />
    </div>
  )
}
