import { BaseBoxShapeTool } from 'tldraw'
import { PERSONA_TYPE } from '../../../../shared/shapes/persona'

/** Click or drag on the canvas to place a persona card. */
export class PersonaTool extends BaseBoxShapeTool {
  static override id = PERSONA_TYPE
  static override initial = 'idle'
  override shapeType: typeof PERSONA_TYPE = PERSONA_TYPE
}
