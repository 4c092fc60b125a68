import { HTMLContainer } from 'tldraw'
import {
  JOURNEY_MAP_TYPE,
  defaultJourneyMapProps,
  journeyMapShapeMigrations,
  journeyMapShapeProps,
  type JourneyMapShape,
} from '../../../../shared/shapes/journeyMap'
import { toLocale } from '../../../../shared/i18n-terms'
import { journeyGeometry } from '../../../../shared/rules/mapGeometry'
import { MapShapeUtil } from '../map/MapShapeUtil'
import { JourneyMapView } from './JourneyMapView'

/** The customer journey map (顧客旅程地圖): stages × rows, an emotion curve, notes in cells. */
export class JourneyMapShapeUtil extends MapShapeUtil<JourneyMapShape> {
  static override type = JOURNEY_MAP_TYPE
  static override props = journeyMapShapeProps
  static override migrations = journeyMapShapeMigrations

  override getDefaultProps(): JourneyMapShape['props'] {
    return defaultJourneyMapProps(toLocale(this.editor.user.getLocale()))
  }

  override geometryOf(props: JourneyMapShape['props']) {
    return journeyGeometry(props)
  }

  override component(shape: JourneyMapShape) {
    return (
      <HTMLContainer className="dt-shape">
        <JourneyMapView shape={shape} />
      </HTMLContainer>
    )
  }
}
