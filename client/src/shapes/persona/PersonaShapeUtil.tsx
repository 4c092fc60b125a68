import { BaseBoxShapeUtil, HTMLContainer } from 'tldraw'
import {
  PERSONA_TYPE,
  defaultPersonaProps,
  personaShapeMigrations,
  personaShapeProps,
  type PersonaShape,
} from '../../../../shared/shapes/persona'
import { PersonaCard } from './PersonaCard'

/** The persona card (人物誌): every field edited in place after a double-click. */
export class PersonaShapeUtil extends BaseBoxShapeUtil<PersonaShape> {
  static override type = PERSONA_TYPE
  static override props = personaShapeProps
  static override migrations = personaShapeMigrations

  override getDefaultProps(): PersonaShape['props'] {
    return defaultPersonaProps()
  }

  override canEdit(): boolean {
    return true
  }

  override component(shape: PersonaShape) {
    return (
      <HTMLContainer className="dt-shape">
        <PersonaCard shape={shape} />
      </HTMLContainer>
    )
  }

  override getIndicatorPath(shape: PersonaShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}
