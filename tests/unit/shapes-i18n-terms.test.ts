import { describe, expect, it } from 'vitest'
import { term, termKeys, toLocale } from '../../shared/i18n-terms'
import { BLUEPRINT_LANES, BLUEPRINT_LINES, JOURNEY_ROWS, STAKEHOLDER_GROUPS, STAKEHOLDER_SECTORS } from '../../shared/shapes'

describe('shape terms', () => {
  it.each(termKeys)('%s has an English and a Traditional Chinese label', (key) => {
    expect(term(key, 'en').trim()).not.toBe('')
    expect(term(key, 'zh-tw').trim()).not.toBe('')
  })

  it('names every row, lane, line, group and sector', () => {
    const needed = [
      ...JOURNEY_ROWS.map((r) => `journey.row.${r}`),
      ...BLUEPRINT_LANES.map((l) => `blueprint.lane.${l}`),
      ...BLUEPRINT_LINES.map((l) => `blueprint.line.${l.line}`),
      ...STAKEHOLDER_GROUPS.map((g) => `stakeholder.group.${g}`),
      ...STAKEHOLDER_SECTORS.map((s) => `stakeholder.sector.${s}`),
    ]
    expect(needed.filter((k) => !(termKeys as string[]).includes(k))).toEqual([])
  })

  it('uses the course terms in zh-TW', () => {
    expect(term('blueprint.lane.frontStage', 'zh-tw')).toBe('前臺')
    expect(term('blueprint.line.visibility', 'zh-tw')).toBe('可見線')
    expect(term('shape.journey-map', 'zh-tw')).toBe('顧客旅程地圖')
  })

  it.each([
    ['zh-tw', 'zh-tw'],
    ['zh-TW', 'zh-tw'],
    ['zh-cn', 'zh-tw'],
    ['en', 'en'],
    ['de', 'en'],
    [undefined, 'en'],
  ] as const)('tldraw locale %s → %s', (input, expected) => {
    expect(toLocale(input)).toBe(expected)
  })
})
