import { BaseBoxShapeTool } from 'tldraw'
import { SERVICE_BLUEPRINT_TYPE } from '../../../../shared/shapes/serviceBlueprint'

/** Click on the canvas to place a service blueprint with the default stages. */
export class ServiceBlueprintTool extends BaseBoxShapeTool {
  static override id = SERVICE_BLUEPRINT_TYPE
  static override initial = 'idle'
  override shapeType: typeof SERVICE_BLUEPRINT_TYPE = SERVICE_BLUEPRINT_TYPE
}
