import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { bricsAnalysis, bricsChecks, placeNotes } from '../../shared/rules'
import { BUS_ARRIVAL_STAKEHOLDERS, DATA_REQUEST_WHO, buildTemplate, templateShapeId, type TemplateId } from '../../shared/templates'

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
const card = (name: string): TLShapeId => templateShapeId(boardId, `stakeholder-${name}`)

function analyse(template: TemplateId, locale: 'zh-tw' | 'en' = 'zh-tw') {
  const records = buildTemplate(template, { boardId, locale })
  return { records, analysis: bricsAnalysis(records) }
}

/** Each stakeholder's name → sorted names of the stakeholders carrying its costs and risks. */
function carriers(analysis: ReturnType<typeof bricsAnalysis>, kind: 'costs' | 'risks'): Record<string, string[]> {
  return Object.fromEntries(
    analysis.stakeholders.map((s) => [s.name, [...new Set(s[kind].map((e) => e.carrierName ?? '(nobody)'))].sort()])
  )
}

describe('台北等公車 (bus-arrival) example', () => {
  const { analysis } = analyse('bus-arrival')

  it('has the five stakeholders in the course’s groups and sectors', () => {
    expect(analysis.stakeholders.map((s) => [s.name, s.group, s.sector])).toEqual([
      ['乘客', 'user', 'civil-society'],
      ['民間 App 業者', 'co-provider', 'business'],
      ['市政府交通局', 'co-provider', 'government'],
      ['電信業者', 'co-provider', 'business'],
      ['公民團體／隱私關注者', 'watcher', 'civil-society'],
    ])
    expect(analysis.stakeholders.map((s) => s.id)).toEqual(BUS_ARRIVAL_STAKEHOLDERS.map(card))
  })

  it('names who carries each cost and risk, as in the course text', () => {
    expect(carriers(analysis, 'costs')).toEqual({
      乘客: ['乘客'],
      '民間 App 業者': ['民間 App 業者'],
      市政府交通局: ['市政府交通局'],
      電信業者: ['電信業者'],
      '公民團體／隱私關注者': ['公民團體／隱私關注者'],
    })
    const riders = analysis.stakeholders[0]!
    expect(riders.risks.map((r) => [r.text, r.carrierName])).toEqual([['使用資料被販售或濫用（個資風險）', '乘客']])
    expect(riders.costs.map((c) => c.text)).toEqual(['手機與行動數據方案', '下載並學會使用 App', '留意並決定是否同意使用資料'])
    // Network coverage is a cost both the city and the telecoms carry.
    for (const who of [2, 3]) expect(analysis.stakeholders[who]!.costs.map((c) => c.text)).toContain('站牌周邊的網路涵蓋')
  })

  it('links every provider step to the stakeholders it depends on', () => {
    expect(analysis.steps.map((s) => [s.lane, s.stageName])).toEqual([
      ['frontStage', '查詢到站時間'],
      ['backStage', '查詢到站時間'],
      ['supportProcesses', '查詢到站時間'],
      ['frontStage', '前往站牌等車'],
      ['backStage', '前往站牌等車'],
      ['supportProcesses', '前往站牌等車'],
    ])
    expect(analysis.links).toHaveLength(11)
    const civic = analysis.stakeholders.find((s) => s.id === card('civic-groups'))!
    expect(civic.stepIds.map((id) => analysis.steps.find((s) => s.id === id)?.text)).toEqual([
      '廣告投放與使用資料蒐集（依個資法取得同意）',
    ])
  })

  it('passes all four BRiCS checks', () => {
    expect(bricsChecks(analysis)).toEqual([])
  })
})

describe('資料申請小幫手 (data-request-helper) example', () => {
  const { records, analysis } = analyse('data-request-helper')
  const byType = (type: string) => records.filter((r): r is TLShape => r.typeName === 'shape' && r.type === type)

  it('has the two personas and a journey that follows the requester', () => {
    const personas = byType('persona')
    expect(personas.map((p) => (p.props as { role: string }).role)).toEqual(['資料申請者', '機關資料承辦人'])
    const [journey] = byType('journey-map')
    expect((journey?.props as { personaId: string }).personaId).toBe(personas[0]?.id)
  })

  it('names the case’s pain points in the journey’s pain-point row', () => {
    const pains = placeNotes(records).filter((p) => p.row === 'painPoints')
    expect(pains.map((p) => [p.stageId, JSON.stringify(p.note.props.richText)])).toEqual([
      ['wait', expect.stringContaining('約 10% 的申請沒有回覆')],
      ['outcome', expect.stringContaining('約 45% 的申請機關不願提供')],
    ])
    const journey = byType('journey-map')[0]!
    const cells = (journey.props as { cells: Record<string, Record<string, string>> }).cells
    expect(cells.search?.painPoints).toMatch(/看不到別人是否申請過/)
  })

  it('has the five stakeholders, with their B, R and C', () => {
    expect(analysis.stakeholders.map((s) => [s.name, s.group, s.sector])).toEqual([
      ['資料申請者', 'user', 'civil-society'],
      ['資料提供機關', 'co-provider', 'government'],
      ['平臺維運單位', 'co-provider', 'government'],
      ['公民科技社群', 'co-provider', 'civil-society'],
      ['隱私關注團體', 'watcher', 'civil-society'],
    ])
    expect(analysis.stakeholders.map((s) => s.id)).toEqual(DATA_REQUEST_WHO.map(card))
    for (const s of analysis.stakeholders) {
      expect([s.benefits.length, s.risks.length, s.costs.length].every((n) => n > 0)).toBe(true)
    }
    // Two risks fall on someone other than the card they are written on.
    expect(carriers(analysis, 'risks')).toEqual({
      資料申請者: ['資料申請者'],
      資料提供機關: ['資料提供機關'],
      平臺維運單位: ['資料申請者'],
      公民科技社群: ['公民科技社群'],
      隱私關注團體: ['資料提供機關'],
    })
  })

  it('links the helper’s blueprint steps to the stakeholders', () => {
    expect(analysis.steps).toHaveLength(10)
    expect(new Set(analysis.steps.map((s) => s.stageName))).toEqual(new Set(['查詢前例', '提出申請', '機關回覆', '追蹤與學習']))
    expect(analysis.links).toHaveLength(18)
    expect(Object.fromEntries(analysis.stakeholders.map((s) => [s.name, s.stepIds.length]))).toEqual({
      資料申請者: 3,
      資料提供機關: 6,
      平臺維運單位: 4,
      公民科技社群: 3,
      隱私關注團體: 2,
    })
  })

  it('passes all four BRiCS checks', () => {
    expect(bricsChecks(analysis)).toEqual([])
  })

  it('in English, has the same structure with English texts', () => {
    const en = analyse('data-request-helper', 'en').analysis
    expect(en.stakeholders.map((s) => s.name)).toEqual([
      'Data requesters',
      'Data-holding agencies',
      'Portal operator',
      'Civic-tech community',
      'Privacy watchers',
    ])
    expect(en.links).toHaveLength(analysis.links.length)
    expect(bricsChecks(en)).toEqual([])
  })
})

describe('five-step workshop', () => {
  it('starts with an empty BRiCS: three blank cards and no steps (so every card is flagged)', () => {
    const { analysis } = analyse('five-step')
    expect(analysis.stakeholders.map((s) => s.group)).toEqual(['user', 'co-provider', 'watcher'])
    expect(analysis.steps).toEqual([])
    expect(bricsChecks(analysis).map((i) => i.kind)).toEqual(Array(3).fill('stakeholder-without-step'))
  })
})

describe('example layouts', () => {
  it.each(['bus-arrival', 'data-request-helper'] as const)('%s: no link arrow crosses a stakeholder card on its way', (template) => {
    const records = buildTemplate(template, { boardId, locale: 'zh-tw' })
    const cards = records.filter((r): r is TLShape => r.typeName === 'shape' && r.type === 'stakeholder')
    const arrows = records.filter((r): r is TLShape => r.typeName === 'shape' && r.type === 'arrow')
    expect(arrows.length).toBeGreaterThan(0)
    for (const arrow of arrows) {
      const end = (arrow.props as { end: { x: number; y: number } }).end
      // Every point of the arrow before its tip is outside every card (the tip touches its own card's edge).
      for (let i = 0; i < 100; i++) {
        const x = arrow.x + (end.x * i) / 100
        const y = arrow.y + (end.y * i) / 100
        for (const c of cards) {
          const { w, h } = c.props as { w: number; h: number }
          expect(x > c.x && x < c.x + w && y > c.y && y < c.y + h, `${arrow.id} crosses ${c.id}`).toBe(false)
        }
      }
    }
  })
})
