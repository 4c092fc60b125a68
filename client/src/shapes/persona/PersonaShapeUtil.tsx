import { HTMLContainer } from 'tldraw'
import {
  PERSONA_TYPE,
  defaultPersonaProps,
  personaShapeMigrations,
  personaShapeProps,
  type PersonaShape,
} from '../../../../shared/shapes/persona'
import { CardShapeUtil } from '../common/CardShapeUtil'
import { PersonaCard } from './PersonaCard'

/** The persona card (人物誌): every field edited in place after a double-click. */
export class PersonaShapeUtil extends CardShapeUtil<PersonaShape> {
  static override type = PERSONA_TYPE
  static override props = personaShapeProps
  static override migrations = personaShapeMigrations

  override getDefaultProps(): PersonaShape['props'] {
    return defaultPersonaProps()
  }

  override component(shape: PersonaShape) {
    return (
      <HTMLContainer className="dt-shape">
        <PersonaCard shape={shape} />
      </HTMLContainer>
    )
  }
}
