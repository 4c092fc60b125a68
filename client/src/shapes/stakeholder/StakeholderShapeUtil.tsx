import { HTMLContainer } from 'tldraw'
import {
  STAKEHOLDER_TYPE,
  defaultStakeholderProps,
  stakeholderShapeMigrations,
  stakeholderShapeProps,
  type StakeholderShape,
} from '../../../../shared/shapes/stakeholder'
import { CardShapeUtil } from '../common/CardShapeUtil'
import { StakeholderCard } from './StakeholderCard'

/** The stakeholder card for the BRiCS analysis; arrows from blueprint steps end on it. */
export class StakeholderShapeUtil extends CardShapeUtil<StakeholderShape> {
  static override type = STAKEHOLDER_TYPE
  static override props = stakeholderShapeProps
  static override migrations = stakeholderShapeMigrations

  override getDefaultProps(): StakeholderShape['props'] {
    return defaultStakeholderProps()
  }

  override component(shape: StakeholderShape) {
    return (
      <HTMLContainer className="dt-shape">
        <StakeholderCard shape={shape} />
      </HTMLContainer>
    )
  }
}
