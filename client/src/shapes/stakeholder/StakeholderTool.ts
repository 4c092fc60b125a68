import { BaseBoxShapeTool } from 'tldraw'
import { STAKEHOLDER_TYPE } from '../../../../shared/shapes/stakeholder'

/** Click or drag on the canvas to place a stakeholder card. */
export class StakeholderTool extends BaseBoxShapeTool {
  static override id = STAKEHOLDER_TYPE
  static override initial = 'idle'
  override shapeType: typeof STAKEHOLDER_TYPE = STAKEHOLDER_TYPE
}
