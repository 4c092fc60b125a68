import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLRecord } from '@tldraw/tlschema'
import type { SerializedSchemaV2 } from '@tldraw/store'
import { describe, expect, it } from 'vitest'
import { designShapeSchemas } from '../../shared/shapes'

const schema = createTLSchema({
  shapes: { ...defaultShapeSchemas, ...designShapeSchemas },
  bindings: defaultBindingSchemas,
})

/** The current schema, with one shape's props sequence set back to version 0. */
function schemaBefore(type: string): SerializedSchemaV2 {
  const current = schema.serialize()
  return { ...current, sequences: { ...current.sequences, [`com.tldraw.shape.${type}`]: 0 } }
}

function shapeRecord(type: string, props: Record<string, unknown>): TLRecord {
  return {
    id: 'shape:old',
    typeName: 'shape',
    type,
    x: 10,
    y: 20,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  } as unknown as TLRecord
}

const v0Records: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  [
    'persona',
    {
      w: 360,
      h: 640,
      name: '阿明',
      avatar: { text: '明', imageUrl: '' },
      role: '通勤族',
      basicData: { age: '30', job: '工程師', place: '新北', digitalSkills: '高' },
      values: { v1: { text: '準時', index: 'a1' } },
      expectations: {},
      painPoints: {},
      lifestyle: '',
    },
    { quote: '', goals: {}, devices: {} },
  ],
  [
    'journey-map',
    { w: 1000, h: 900, columnWidth: 240, rowHeight: 200, title: '申請補助', stages: { s1: { name: '發現', index: 'a1', emotion: 1 } }, cells: {} },
    { personaId: '' },
  ],
  [
    'service-blueprint',
    { w: 1000, h: 900, columnWidth: 240, rowHeight: 200, title: '', stages: { s1: { name: '申請', index: 'a1' } }, cells: { s1: { frontStage: '櫃臺' } } },
    { sourceJourneyId: '' },
  ],
  [
    'stakeholder',
    { w: 340, h: 460, name: '公車族', group: 'user', benefits: {}, risks: {}, costs: {} },
    { sector: 'government' },
  ],
]

describe('migrations lift a v0 record', () => {
  it.each(v0Records)('%s', (type, oldProps, added) => {
    const old = shapeRecord(type, structuredClone(oldProps))
    expect(() => schema.types.shape.validate(old)).toThrow()

    const result = schema.migratePersistedRecord(old, schemaBefore(type), 'up')
    if (result.type !== 'success') throw new Error(`migration failed: ${result.reason}`)
    const lifted = result.value as unknown as { props: Record<string, unknown> }

    expect(lifted.props).toEqual({ ...oldProps, ...added })
    expect(() => schema.types.shape.validate(result.value)).not.toThrow()
  })

  it.each(v0Records)('%s goes back down to v0', (type, oldProps, added) => {
    const current = shapeRecord(type, { ...structuredClone(oldProps), ...added })
    const result = schema.migratePersistedRecord(current, schemaBefore(type), 'down')
    if (result.type !== 'success') throw new Error(`migration failed: ${result.reason}`)
    expect((result.value as unknown as { props: unknown }).props).toEqual(oldProps)
  })
})

describe('a snapshot from an older board', () => {
  it('migrates every design shape in one go', () => {
    const sequences = { ...schema.serialize().sequences }
    for (const [type] of v0Records) sequences[`com.tldraw.shape.${type}`] = 0
    const store: Record<string, TLRecord> = {}
    v0Records.forEach(([type, props], i) => {
      const record = { ...shapeRecord(type, structuredClone(props)), id: `shape:old${i}` } as TLRecord
      store[record.id] = record
    })
    const result = schema.migrateStoreSnapshot({ store, schema: { schemaVersion: 2, sequences } })
    if (result.type !== 'success') throw new Error(`snapshot migration failed: ${result.reason}`)
    for (const record of Object.values(result.value)) {
      expect(() => schema.types.shape.validate(record)).not.toThrow()
    }
    expect(Object.keys(result.value)).toHaveLength(v0Records.length)
  })
})
