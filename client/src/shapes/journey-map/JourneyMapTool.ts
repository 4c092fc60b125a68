import { BaseBoxShapeTool } from 'tldraw'
import { JOURNEY_MAP_TYPE } from '../../../../shared/shapes/journeyMap'

/** Click on the canvas to place a journey map with the default stages. */
export class JourneyMapTool extends BaseBoxShapeTool {
  static override id = JOURNEY_MAP_TYPE
  static override initial = 'idle'
  override shapeType: typeof JOURNEY_MAP_TYPE = JOURNEY_MAP_TYPE
}
