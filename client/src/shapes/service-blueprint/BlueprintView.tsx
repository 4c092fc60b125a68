import { useIsEditing } from 'tldraw'
import { term, type TermKey } from '../../../../shared/i18n-terms'
import {
  BLUEPRINT_LANES,
  BLUEPRINT_LINES,
  type ServiceBlueprintShape,
} from '../../../../shared/shapes/serviceBlueprint'
import { blueprintGeometry } from '../../../../shared/rules/mapGeometry'
import { useShapeLocale } from '../common/useShapeLocale'
import { MapShapeGrid } from '../map/MapShapeGrid'

/** The service blueprint: lanes, stages, and the three labelled lines between lanes. */
export function BlueprintView({ shape }: { shape: ServiceBlueprintShape }) {
  const editing = useIsEditing(shape.id)
  const locale = useShapeLocale()
  const t = (key: TermKey) => term(key, locale)
  const geometry = blueprintGeometry(shape.props)

  return (
    <div className={`dt-map dt-blueprint ${editing ? 'dt-map--editing' : ''}`}>
      <MapShapeGrid
        shape={shape}
        geometry={geometry}
        editing={editing}
        t={t}
        kicker={t('shape.service-blueprint')}
        rowLabels={Object.fromEntries(BLUEPRINT_LANES.map((lane) => [lane, t(`blueprint.lane.${lane}`)]))}
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
