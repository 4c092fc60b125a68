import { createShapeId, type Editor, type TLNoteShape, type TLShapeId, type TLShapePartial } from 'tldraw'
import { JOURNEY_MAP_TYPE, type JourneyMapShape } from '../../../../shared/shapes/journeyMap'
import { SERVICE_BLUEPRINT_TYPE } from '../../../../shared/shapes/serviceBlueprint'
import { blueprintFromJourney } from '../../../../shared/rules/blueprintFromJourney'
import { journeyGeometry } from '../../../../shared/rules/mapGeometry'
import { fromMapLocal } from '../../../../shared/rules/notePlacement'

/** Gap between a journey map and the blueprint created under it. */
const GAP_BELOW_JOURNEY = 120

/**
 * "Create blueprint from journey map": a new blueprint under the journey, with its stages and
 * its customer actions (cell texts and copies of the action notes). One undo step; returns the
 * new blueprint's id, or null when `journeyId` is not a journey map.
 */
export function createBlueprintFromJourney(editor: Editor, journeyId: TLShapeId): TLShapeId | null {
  const journey = editor.getShape(journeyId)
  if (!journey || journey.type !== JOURNEY_MAP_TYPE) return null
  const map = journey as JourneyMapShape
  const records = [map, ...editor.getCurrentPageShapes()]
  const draft = blueprintFromJourney(map, records)
  const blueprintId = createShapeId()
  const origin = fromMapLocal(map, { x: 0, y: journeyGeometry(map.props).h + GAP_BELOW_JOURNEY })

  editor.markHistoryStoppingPoint('create blueprint from journey')
  editor.run(() => {
    editor.createShape({
      id: blueprintId,
      type: SERVICE_BLUEPRINT_TYPE,
      parentId: map.parentId,
      x: origin.x,
      y: origin.y,
      rotation: map.rotation,
      props: draft.props,
    } as TLShapePartial)
    const copies = draft.notes.flatMap((copy): TLShapePartial[] => {
      const source = editor.getShape(copy.sourceId) as TLNoteShape | undefined
      if (!source) return []
      return [
        {
          id: createShapeId(),
          type: 'note',
          parentId: blueprintId,
          x: copy.x,
          y: copy.y,
          rotation: copy.rotation,
          props: { ...source.props },
        },
      ]
    })
    if (copies.length > 0) editor.createShapes(copies)
    editor.select(blueprintId)
  })
  return blueprintId
}
