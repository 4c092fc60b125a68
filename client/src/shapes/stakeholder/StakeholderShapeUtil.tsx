import { BaseBoxShapeUtil, HTMLContainer } from 'tldraw'
import {
  STAKEHOLDER_TYPE,
  defaultStakeholderProps,
  stakeholderShapeMigrations,
  stakeholderShapeProps,
  type StakeholderShape,
} from '../../../../shared/shapes/stakeholder'
import { StakeholderCard } from './StakeholderCard'

/** The stakeholder card for the BRiCS analysis; arrows from blueprint steps end on it. */
export class StakeholderShapeUtil extends BaseBoxShapeUtil<StakeholderShape> {
  static override type = STAKEHOLDER_TYPE
  static override props = stakeholderShapeProps
  static override migrations = stakeholderShapeMigrations

  override getDefaultProps(): StakeholderShape['props'] {
    return defaultStakeholderProps()
  }

  override canEdit(): boolean {
    return true
  }

  override component(shape: StakeholderShape) {
    return (
      <HTMLContainer className="dt-shape">
        <StakeholderCard shape={shape} />
      </HTMLContainer>
    )
  }

  override getIndicatorPath(shape: StakeholderShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}
