import { Store } from '@tldraw/store'
import {
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  type TLArrowBinding,
  type TLFrameShape,
  type TLRecord,
  type TLShape,
  type TLStoreProps,
} from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { STEP_IDS } from '../../shared/session/steps'
import { designShapeSchemas } from '../../shared/shapes'
import { isMapShape, placeNotes } from '../../shared/rules'
import {
  FEEDBACK_AREAS,
  TEMPLATE_IDS,
  TEMPLATE_PAGE_ID,
  boardHash,
  buildTemplate,
  isTemplateId,
  templateShapeId,
  type TemplateId,
} from '../../shared/templates'

const schema = createTLSchema({
  shapes: { ...defaultShapeSchemas, ...designShapeSchemas },
  bindings: defaultBindingSchemas,
})
const boardA = 'AbCdEfGhIjKlMnOpQrStUv'
const boardB = 'ZyXwVuTsRqPoNmLkJiHgFe'
const LOCALES = ['zh-tw', 'en'] as const

const shapes = (records: TLRecord[]): TLShape[] => records.filter((r): r is TLShape => r.typeName === 'shape')
const cases = TEMPLATE_IDS.flatMap((template) => LOCALES.map((locale) => [template, locale] as const))

describe('every template builds valid records', () => {
  it.each(cases)('%s (%s) goes into a store with the full schema', (template, locale) => {
    const records = buildTemplate(template, { boardId: boardA, locale })
    const store = new Store<TLRecord, TLStoreProps>({ schema, props: {} as TLStoreProps })
    expect(() => store.put(records)).not.toThrow()
    expect(store.allRecords()).toHaveLength(records.length)
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
    if (template === 'blank') expect(records).toEqual([])
    else expect(records.length).toBeGreaterThan(10)
  })

  it.each(cases)('%s (%s): every parent and bound shape is in the template', (template, locale) => {
    const records = buildTemplate(template, { boardId: boardA, locale })
    const ids = new Set<string>(records.map((r) => r.id))
    for (const shape of shapes(records)) {
      expect(shape.parentId === TEMPLATE_PAGE_ID || ids.has(shape.parentId)).toBe(true)
    }
    for (const binding of records.filter((r): r is TLArrowBinding => r.typeName === 'binding')) {
      expect(ids.has(binding.fromId) && ids.has(binding.toId)).toBe(true)
    }
  })

  it.each(cases)('%s (%s): every note inside a map sits in one of its cells', (template, locale) => {
    const records = buildTemplate(template, { boardId: boardA, locale })
    const maps = new Set<string>(shapes(records).filter(isMapShape).map((m) => m.id))
    const notesInMaps = shapes(records).filter((s) => s.type === 'note' && maps.has(s.parentId))
    expect(placeNotes(records).map((p) => p.note.id).sort()).toEqual(notesInMaps.map((n) => n.id).sort())
  })

  it('refuses an unknown template and a missing board id', () => {
    expect(() => buildTemplate('kanban' as TemplateId, { boardId: boardA, locale: 'en' })).toThrow(/unknown template "kanban"/)
    expect(() => buildTemplate('five-step', { boardId: '', locale: 'en' })).toThrow(/board id/)
  })

  it.each([
    ['five-step', true],
    ['blank', true],
    ['bus', false],
    [null, false],
  ])('isTemplateId(%s) is %s', (value, expected) => {
    expect(isTemplateId(value)).toBe(expected)
  })
})

describe('ids are derived from the board id', () => {
  it.each(TEMPLATE_IDS.filter((t) => t !== 'blank'))('%s: same board, same records; other board, other ids', (template) => {
    const first = buildTemplate(template, { boardId: boardA, locale: 'zh-tw' })
    const again = buildTemplate(template, { boardId: boardA, locale: 'zh-tw' })
    const other = buildTemplate(template, { boardId: boardB, locale: 'zh-tw' })
    expect(again).toEqual(first)
    const otherIds = new Set(other.map((r) => r.id))
    expect(first.every((r) => !otherIds.has(r.id))).toBe(true)
    expect(first.every((r) => r.id.includes(`tpl-${boardHash(boardA)}-`))).toBe(true)
  })

  it('the two locales give the same ids (only texts differ)', () => {
    const zh = buildTemplate('data-request-helper', { boardId: boardA, locale: 'zh-tw' })
    const en = buildTemplate('data-request-helper', { boardId: boardA, locale: 'en' })
    expect(en.map((r) => r.id)).toEqual(zh.map((r) => r.id))
    expect(en).not.toEqual(zh)
  })

  it.each([
    [boardA, boardB],
    ['aaaaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaaaab'],
  ])('boardHash tells %s from %s', (a, b) => {
    expect(boardHash(a)).toBe(boardHash(a))
    expect(boardHash(a)).not.toBe(boardHash(b))
    expect(boardHash(a)).toMatch(/^[0-9a-z]+$/)
  })

  it('refuses record names that would not make clean ids', () => {
    expect(() => templateShapeId(boardA, 'Frame One')).toThrow(/lower-case/)
  })
})

describe('five-step workshop', () => {
  const records = buildTemplate('five-step', { boardId: boardA, locale: 'zh-tw' })
  const frames = shapes(records).filter((s): s is TLFrameShape => s.type === 'frame')

  it('has five locked frames, one per step, left to right without overlap', () => {
    expect(frames).toHaveLength(5)
    const byX = [...frames].sort((a, b) => a.x - b.x)
    expect(byX.map((f) => f.meta.step)).toEqual([...STEP_IDS])
    for (const [i, frame] of byX.entries()) {
      expect(frame).toMatchObject({ isLocked: true, parentId: TEMPLATE_PAGE_ID, meta: { templateLocked: true } })
      const next = byX[i + 1]
      if (next) expect(frame.x + frame.props.w).toBeLessThan(next.x)
    }
    expect(byX[0]?.props.name).toContain('同理')
    expect(byX[4]?.props.name).toContain('測試')
  })

  it('gives each frame its prompt in the board locale', () => {
    for (const locale of LOCALES) {
      const built = shapes(buildTemplate('five-step', { boardId: boardA, locale }))
      const prompts = built.filter((s) => s.type === 'text' && s.id.endsWith('-prompt-empathize'))
      expect(prompts).toHaveLength(1)
      const text = JSON.stringify(prompts[0]?.props)
      expect(text).toMatch(locale === 'zh-tw' ? /人物誌/ : /personas/)
      expect(prompts[0]).toMatchObject({ isLocked: true, meta: { templateLocked: true } })
    }
  })

  it('locks only structure: frames, prompts, labels and the feedback areas', () => {
    const locked = shapes(records).filter((s) => s.isLocked)
    expect(new Set(locked.map((s) => s.type))).toEqual(new Set(['frame', 'text', 'geo']))
    for (const shape of shapes(records)) expect(shape.meta.templateLocked === true).toBe(shape.isLocked)
    const content = shapes(records).filter((s) => ['persona', 'journey-map', 'service-blueprint', 'stakeholder', 'note'].includes(s.type))
    expect(content.every((s) => !s.isLocked && s.parentId === TEMPLATE_PAGE_ID)).toBe(true)
  })

  it.each([
    ['empathize', 'persona', 2],
    ['define', 'journey-map', 1],
    ['ideate', 'note', 8],
    ['prototype', 'service-blueprint', 1],
    ['prototype', 'stakeholder', 3],
  ])('the %s frame holds %s ×%i inside its bounds', (step, type, count) => {
    const frame = frames.find((f) => f.meta.step === step)!
    const inside = shapes(records).filter((s) => {
      if (s.type !== type || s.parentId !== TEMPLATE_PAGE_ID) return false
      const size = s.props as { w?: number; h?: number }
      const w = size.w ?? 200
      const h = size.h ?? 200
      return s.x >= frame.x && s.y >= frame.y && s.x + w <= frame.x + frame.props.w && s.y + h <= frame.y + frame.props.h
    })
    expect(inside).toHaveLength(count)
  })

  it('the test frame has the four labelled feedback areas', () => {
    const test = frames.find((f) => f.meta.step === 'test')!
    const areas = shapes(records).filter((s) => s.type === 'geo' && s.parentId === test.id)
    expect(areas.map((a) => a.meta.feedback)).toEqual([...FEEDBACK_AREAS])
    expect(JSON.stringify(areas.map((a) => a.props))).toMatch(/做得好的.*需要改的.*疑問.*新點子/)
  })
})
