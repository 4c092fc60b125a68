import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import {
  defaultJourneyMapProps,
  defaultPersonaProps,
  defaultServiceBlueprintProps,
  defaultStakeholderProps,
  designShapeSchemas,
  keyedListFromTexts,
} from '../../shared/shapes'

const schema = createTLSchema({
  shapes: { ...defaultShapeSchemas, ...designShapeSchemas },
  bindings: defaultBindingSchemas,
})

function shapeRecord(type: string, props: unknown): TLRecord {
  return {
    id: 'shape:test',
    typeName: 'shape',
    type,
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  } as unknown as TLRecord
}

function validate(type: string, props: unknown): void {
  schema.types.shape.validate(shapeRecord(type, props))
}

const defaults: Record<string, () => Record<string, unknown>> = {
  persona: () => ({ ...defaultPersonaProps() }),
  'journey-map': () => ({ ...defaultJourneyMapProps('zh-tw') }),
  'service-blueprint': () => ({ ...defaultServiceBlueprintProps('en') }),
  stakeholder: () => ({ ...defaultStakeholderProps() }),
}

describe('default props validate', () => {
  it.each(Object.keys(defaults))('%s', (type) => {
    expect(() => validate(type, defaults[type]!())).not.toThrow()
  })
})

const filledPersona = {
  ...defaultPersonaProps(),
  name: '林美華',
  values: keyedListFromTexts(['效率', '隱私']),
  basicData: { age: '42', job: '里長', place: '臺北市', digitalSkills: '中' },
}

describe('good filled-in props validate', () => {
  it.each([
    ['persona', filledPersona],
    [
      'stakeholder',
      {
        ...defaultStakeholderProps(),
        group: 'watcher',
        sector: 'civil-society',
        risks: { r1: { text: '個資外洩', index: 'a1', carrierId: 'shape:rider' } },
      },
    ],
  ])('%s', (type, props) => {
    expect(() => validate(type, props)).not.toThrow()
  })
})

const stageId = 'stage1'
const badProps: Array<[string, string, (p: Record<string, unknown>) => void]> = [
  ['persona', 'name not a string', (p) => (p.name = 3)],
  ['persona', 'list field as an array', (p) => (p.values = [{ text: 'x', index: 'a1' }])],
  ['persona', 'list entry without index', (p) => (p.goals = { g1: { text: 'x' } })],
  ['persona', 'list entry with a bad index key', (p) => (p.goals = { g1: { text: 'x', index: '!!' } })],
  ['persona', 'list key with a space', (p) => (p.devices = { 'a b': { text: 'x', index: 'a1' } })],
  ['persona', 'unknown basic data field', (p) => (p.basicData = { age: '', job: '', place: '', digitalSkills: '', shoe: '' })],
  ['persona', 'avatar missing imageUrl', (p) => (p.avatar = { text: 'MH' })],
  ['persona', 'zero width', (p) => (p.w = 0)],
  ['persona', 'unknown prop', (p) => (p.favouriteColour = 'red')],
  ['persona', 'missing field', (p) => delete p.quote],
  ['journey-map', 'emotion above +2', (p) => (p.stages = { [stageId]: { name: 'a', index: 'a1', emotion: 3 } })],
  ['journey-map', 'emotion below −2', (p) => (p.stages = { [stageId]: { name: 'a', index: 'a1', emotion: -3 } })],
  ['journey-map', 'emotion not an integer', (p) => (p.stages = { [stageId]: { name: 'a', index: 'a1', emotion: 0.5 } })],
  ['journey-map', 'stages as an array', (p) => (p.stages = [{ name: 'a', index: 'a1', emotion: 0 }])],
  ['journey-map', 'cell in an unknown row', (p) => (p.cells = { [stageId]: { feelings: 'x' } })],
  ['journey-map', 'row height below the minimum', (p) => (p.rowHeight = 10)],
  ['service-blueprint', 'column width not a number', (p) => (p.columnWidth = '240')],
  ['journey-map', 'personaId not a string', (p) => (p.personaId = null)],
  ['service-blueprint', 'cell in an unknown lane', (p) => (p.cells = { [stageId]: { emotions: 'x' } })],
  ['service-blueprint', 'stage with emotion', (p) => (p.stages = { [stageId]: { name: 'a', index: 'a1', emotion: 0 } })],
  ['service-blueprint', 'missing sourceJourneyId', (p) => delete p.sourceJourneyId],
  ['stakeholder', 'unknown group', (p) => (p.group = 'citizen')],
  ['stakeholder', 'unknown sector', (p) => (p.sector = 'G')],
  ['stakeholder', 'carrier not a shape id', (p) => (p.costs = { c1: { text: 'x', index: 'a1', carrierId: 'bob' } })],
  ['stakeholder', 'entry without carrierId', (p) => (p.benefits = { b1: { text: 'x', index: 'a1' } })],
]

describe('validators reject bad props', () => {
  it.each(badProps)('%s: %s', (type, _why, spoil) => {
    const props = defaults[type]!()
    spoil(props)
    expect(() => validate(type, props)).toThrow()
  })
})
