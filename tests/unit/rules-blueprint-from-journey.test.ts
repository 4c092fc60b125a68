import { toRichText, type TLRecord } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { createTLSchema, defaultShapeSchemas } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { designShapeSchemas, type JourneyMapShape } from '../../shared/shapes'
import { blueprintFromJourney } from '../../shared/rules'

// 140 label + 2 × 300 columns; 84 + 6 × 150 rows.
const journey = {
  id: 'shape:journey',
  typeName: 'shape',
  type: 'journey-map',
  x: 100,
  y: 100,
  rotation: 0,
  index: 'a1' as IndexKey,
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  meta: {},
  props: {
    w: 740,
    h: 984,
    columnWidth: 300,
    rowHeight: 150,
    title: '申請資料',
    personaId: 'shape:persona',
    stages: {
      later: { name: '等待', index: 'a2' as IndexKey, emotion: -2 },
      first: { name: '發現', index: 'a1' as IndexKey, emotion: 1 },
    },
    cells: {
      first: { actions: '上網搜尋', thoughts: '好麻煩' },
      later: { painPoints: '沒有回音' },
    },
  },
} as unknown as JourneyMapShape

function note(id: string, x: number, y: number, over: object = {}): TLRecord {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    index: 'a5' as IndexKey,
    parentId: journey.id,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { richText: toRichText(id), scale: 0.5, growY: 0 },
    ...over,
  } as unknown as TLRecord
}

let counter = 0
const ids = () => `bp${++counter}`

describe('blueprintFromJourney', () => {
  const records = [
    journey,
    note('shape:actionInLater', 460, 100), // centre (510, 150): stage "later", actions
    note('shape:thought', 200, 400), // thoughts row: not copied
    note('shape:pageLevelAction', 100 + 150, 100 + 90, { parentId: 'page:page' }), // over stage "first", actions
  ]
  counter = 0
  const draft = blueprintFromJourney(journey, records, ids)

  it('copies the stages in order with new ids, names and order kept', () => {
    expect(draft.stageIds).toEqual({ first: 'bp1', later: 'bp2' })
    expect(draft.props.stages).toEqual({
      bp1: { name: '發現', index: 'a1' },
      bp2: { name: '等待', index: 'a2' },
    })
  })

  it('copies the actions cell texts into the customer-actions lane, nothing else', () => {
    expect(draft.props.cells).toEqual({ bp1: { customerActions: '上網搜尋' } })
  })

  it('keeps the column width and the row height, and remembers the journey', () => {
    expect(draft.props).toMatchObject({ w: 740, h: 84 + 5 * 150, columnWidth: 300, rowHeight: 150, title: '申請資料', sourceJourneyId: 'shape:journey' })
  })

  it('moves the action notes into the same spot of the customer-actions cell', () => {
    expect(draft.notes).toEqual([
      { sourceId: 'shape:actionInLater', stageId: 'bp2', x: 460, y: 100 + 150, rotation: 0 },
      { sourceId: 'shape:pageLevelAction', stageId: 'bp1', x: 150, y: 90 + 150, rotation: 0 },
    ])
  })

  it('produces props the schema accepts', () => {
    const schema = createTLSchema({ shapes: { ...defaultShapeSchemas, ...designShapeSchemas } })
    const record = { ...journey, id: 'shape:bp', type: 'service-blueprint', props: draft.props }
    expect(() => schema.types.shape.validate(record)).not.toThrow()
  })

  it('gives an empty blueprint for a journey with no stages', () => {
    const empty = { ...journey, props: { ...journey.props, stages: {}, cells: {} } } as JourneyMapShape
    const result = blueprintFromJourney(empty, [empty], ids)
    expect(result.props.stages).toEqual({})
    expect(result.notes).toEqual([])
  })
})
