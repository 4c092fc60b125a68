import { HTMLContainer } from 'tldraw'
import {
  SERVICE_BLUEPRINT_TYPE,
  defaultServiceBlueprintProps,
  serviceBlueprintShapeMigrations,
  serviceBlueprintShapeProps,
  type ServiceBlueprintShape,
} from '../../../../shared/shapes/serviceBlueprint'
import { toLocale } from '../../../../shared/i18n-terms'
import { blueprintGeometry } from '../../../../shared/rules/mapGeometry'
import { MapShapeUtil } from '../map/MapShapeUtil'
import { BlueprintView } from './BlueprintView'

/** The service blueprint (服務藍圖): stages × the five lanes, notes in cells are steps. */
export class ServiceBlueprintShapeUtil extends MapShapeUtil<ServiceBlueprintShape> {
  static override type = SERVICE_BLUEPRINT_TYPE
  static override props = serviceBlueprintShapeProps
  static override migrations = serviceBlueprintShapeMigrations

  override getDefaultProps(): ServiceBlueprintShape['props'] {
    return defaultServiceBlueprintProps(toLocale(this.editor.user.getLocale()))
  }

  override geometryOf(props: ServiceBlueprintShape['props']) {
    return blueprintGeometry(props)
  }

  override component(shape: ServiceBlueprintShape) {
    return (
      <HTMLContainer className="dt-shape">
        <BlueprintView shape={shape} />
      </HTMLContainer>
    )
  }
}
