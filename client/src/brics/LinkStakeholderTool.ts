import { StateNode, type TLKeyboardEventInfo, type TLShapeId } from 'tldraw'
import { linkStepToStakeholder, stakeholderAt } from './linkStakeholder'

/** What the pick tool is entered with: the step to link. */
export interface LinkStakeholderToolInfo {
  stepId: TLShapeId
}

/**
 * "Link stakeholder → pick a card on the board": entered from a step's context menu, the next
 * click on a stakeholder card links the step to it. Clicking elsewhere or Esc cancels; either
 * way the step is selected again in the select tool.
 */
export class LinkStakeholderTool extends StateNode {
  static override id = 'link-stakeholder'
  private stepId: TLShapeId | null = null

  override onEnter(info: Partial<LinkStakeholderToolInfo> | undefined) {
    this.stepId = info?.stepId ?? null
    this.editor.setCursor({ type: 'cross', rotation: 0 })
    if (!this.stepId) this.finish()
  }

  override onExit() {
    this.editor.setCursor({ type: 'default', rotation: 0 })
  }

  override onPointerDown() {
    const point = this.editor.inputs.getCurrentPagePoint()
    const hit = this.editor.getShapeAtPoint(point, { hitInside: true, margin: 4 })
    const card = stakeholderAt(this.editor, hit?.id)
    if (card && this.stepId && this.editor.getShape(this.stepId)) {
      linkStepToStakeholder(this.editor, this.stepId, card.id)
    }
    this.finish()
  }

  override onKeyDown(info: TLKeyboardEventInfo) {
    if (info.key === 'Escape') this.finish()
  }

  override onCancel() {
    this.finish()
  }

  private finish() {
    const stepId = this.stepId
    this.stepId = null
    this.editor.setCurrentTool('select')
    if (stepId && this.editor.getShape(stepId)) this.editor.select(stepId)
  }
}
