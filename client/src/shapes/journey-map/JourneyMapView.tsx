import { useEditor, useIsEditing, useValue, type TLShapeId } from 'tldraw'
import { term, type TermKey } from '../../../../shared/i18n-terms'
import { JOURNEY_ROWS, type JourneyMapProps, type JourneyMapShape } from '../../../../shared/shapes/journeyMap'
import { PERSONA_TYPE, type PersonaShape } from '../../../../shared/shapes/persona'
import { journeyGeometry } from '../../../../shared/rules/mapGeometry'
import { stopCanvasPointer } from '../common/EditableText'
import { updateProps } from '../common/updateProps'
import { useShapeLocale } from '../common/useShapeLocale'
import { MapShapeGrid } from '../map/MapShapeGrid'
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
      <MapShapeGrid
        shape={shape}
        geometry={geometry}
        editing={editing}
        t={t}
        kicker={t('shape.journey-map')}
        rowLabels={Object.fromEntries(JOURNEY_ROWS.map((row) => [row, t(`journey.row.${row}`)]))}
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
      />
      <EmotionCurve shape={shape} geometry={geometry} label={t('journey.row.emotions')} />
    </div>
  )
}
