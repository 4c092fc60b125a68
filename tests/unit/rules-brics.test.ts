import { toRichText, type TLRecord } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { describe, expect, it } from 'vitest'
import { bricsAnalysis, bricsChecks, type BricsIssue } from '../../shared/rules'

// A small board: a blueprint with stages s1, s2 (140 label + 2 × 400; 84 + 5 × 220 lanes),
// notes parented to it, three stakeholder cards, and arrows between them.
const BP = 'shape:bp'

function base(id: string, type: string, index: string, props: object, over: object = {}): TLRecord {
  return {
    id,
    typeName: 'shape',
    type,
    x: 0,
    y: 0,
    rotation: 0,
    index: index as IndexKey,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
    ...over,
  } as unknown as TLRecord
}

const blueprint = base(BP, 'service-blueprint', 'a1', {
  w: 940,
  h: 1184,
  columnWidth: 400,
  rowHeight: 220,
  title: '資料申請小幫手',
  sourceJourneyId: '',
  stages: { s1: { name: '提出申請', index: 'a1' }, s2: { name: '回覆', index: 'a2' } },
  cells: {},
})

// Top-left positions; the centre (+100, +100) picks the cell.
function note(id: string, index: string, x: number, y: number, text: string): TLRecord {
  return base(id, 'note', index, { richText: toRichText(text), scale: 1, growY: 0 }, { x, y, parentId: BP })
}
const stepA = note('shape:stepA', 'a1', 200, 540, '線上表單') // front stage, s1
const stepB = note('shape:stepB', 'a2', 600, 760, '承辦審核') // back stage, s2
const stepC = note('shape:stepC', 'a3', 200, 980, '資料交換') // support, s1
const action = note('shape:action', 'a4', 200, 320, '填寫申請') // customer actions: not a step

function entry(text: string, index: string, carrierId = '') {
  return { text, index, carrierId }
}
function stakeholder(id: string, index: string, name: string, lists: object): TLRecord {
  return base(id, 'stakeholder', index, {
    w: 340,
    h: 460,
    name,
    group: 'user',
    sector: 'civil-society',
    benefits: {},
    risks: {},
    costs: {},
    ...lists,
  }, { x: 2000 })
}
const X = stakeholder('shape:X', 'b1', '申請民眾', {
  benefits: { b1: entry('少跑一趟', 'a1') },
  costs: { c1: entry('   ', 'a1') },
  risks: { r1: entry('個資外洩', 'a1', 'shape:Y') },
})
const Y = stakeholder('shape:Y', 'b2', '開放資料平臺', {
  benefits: { b1: entry('知道民眾要什麼', 'a1') },
  costs: { c1: entry('人力', 'a1') },
  risks: { r2: entry('被批評', 'a1', 'shape:gone') },
})
const Z = stakeholder('shape:Z', 'b3', '公民團體', {})

function arrow(id: string, start?: string, end?: string): TLRecord[] {
  const records: TLRecord[] = [base(id, 'arrow', 'c1', {})]
  for (const [terminal, toId] of [['start', start], ['end', end]] as const) {
    if (!toId) continue
    records.push({
      id: `binding:${id.slice(6)}-${terminal}`,
      typeName: 'binding',
      type: 'arrow',
      fromId: id,
      toId,
      meta: {},
      props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
    } as unknown as TLRecord)
  }
  return records
}

const board: TLRecord[] = [
  blueprint,
  stepA,
  stepB,
  stepC,
  action,
  X,
  Y,
  Z,
  ...arrow('shape:arrow1', stepA.id, X.id),
  ...arrow('shape:arrow2', Y.id, stepC.id), // drawn backwards: still a link
  ...arrow('shape:arrow3', stepB.id), // one end loose: no link
  ...arrow('shape:arrow4', action.id, Z.id), // customer action is not a step
  ...arrow('shape:arrow5', stepA.id, Y.id),
  ...arrow('shape:arrow6', stepA.id, X.id), // a second arrow to the same card
]

describe('bricsAnalysis', () => {
  const analysis = bricsAnalysis(board)

  it('finds the steps in provider lanes, with their stakeholders', () => {
    expect(analysis.steps.map((s) => [s.id, s.lane, s.stageName, s.text, s.stakeholderIds])).toEqual([
      ['shape:stepA', 'frontStage', '提出申請', '線上表單', ['shape:X', 'shape:Y']],
      ['shape:stepB', 'backStage', '回覆', '承辦審核', []],
      ['shape:stepC', 'supportProcesses', '提出申請', '資料交換', ['shape:Y']],
    ])
  })

  it('lists every linking arrow once', () => {
    expect(analysis.links.map((l) => [l.arrowId, l.stepId, l.stakeholderId])).toEqual([
      ['shape:arrow1', 'shape:stepA', 'shape:X'],
      ['shape:arrow2', 'shape:stepC', 'shape:Y'],
      ['shape:arrow5', 'shape:stepA', 'shape:Y'],
      ['shape:arrow6', 'shape:stepA', 'shape:X'],
    ])
  })

  it('builds the matrix rows with carriers and dependent steps', () => {
    expect(analysis.stakeholders.map((s) => [s.name, s.stepIds])).toEqual([
      ['申請民眾', ['shape:stepA']],
      ['開放資料平臺', ['shape:stepA', 'shape:stepC']],
      ['公民團體', []],
    ])
    const [x, y] = analysis.stakeholders
    expect(x!.risks).toEqual([{ id: 'r1', text: '個資外洩', carrierId: 'shape:Y', carrierName: '開放資料平臺' }])
    expect(y!.risks[0]!.carrierId).toBeNull()
    expect(y!.benefits.map((b) => b.text)).toEqual(['知道民眾要什麼'])
  })
})

function without(...ids: string[]): TLRecord[] {
  return board.filter((r) => !ids.includes(r.id) && !('fromId' in r && ids.includes(String(r.fromId))))
}

const checkCases: Array<[string, TLRecord[], BricsIssue[]]> = [
  [
    'the full board',
    board,
    [
      { kind: 'step-without-stakeholder', stepId: 'shape:stepB' as never, lane: 'backStage' },
      { kind: 'benefit-without-cost', stakeholderId: 'shape:X' as never },
      { kind: 'risk-without-carrier', stakeholderId: 'shape:Y' as never, entryId: 'r2' },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:Z' as never },
    ],
  ],
  [
    'stakeholder X deleted: its links and its carrying go with it',
    without('shape:X'),
    [
      { kind: 'step-without-stakeholder', stepId: 'shape:stepB' as never, lane: 'backStage' },
      { kind: 'risk-without-carrier', stakeholderId: 'shape:Y' as never, entryId: 'r2' },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:Z' as never },
    ],
  ],
  [
    'front-stage step loses all its arrows; the unlinked support step is not flagged',
    without('shape:arrow1', 'shape:arrow5', 'shape:arrow6', 'shape:arrow2', 'shape:stepB'),
    [
      { kind: 'step-without-stakeholder', stepId: 'shape:stepA' as never, lane: 'frontStage' },
      { kind: 'benefit-without-cost', stakeholderId: 'shape:X' as never },
      { kind: 'risk-without-carrier', stakeholderId: 'shape:Y' as never, entryId: 'r2' },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:X' as never },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:Y' as never },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:Z' as never },
    ],
  ],
  [
    'the blueprint deleted: no steps at all, every card is unused',
    without(BP),
    [
      { kind: 'benefit-without-cost', stakeholderId: 'shape:X' as never },
      { kind: 'risk-without-carrier', stakeholderId: 'shape:Y' as never, entryId: 'r2' },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:X' as never },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:Y' as never },
      { kind: 'stakeholder-without-step', stakeholderId: 'shape:Z' as never },
    ],
  ],
  ['an empty board', [], []],
]

describe('bricsChecks', () => {
  it.each(checkCases)('%s', (_name, records, expected) => {
    expect(bricsChecks(bricsAnalysis(records))).toEqual(expected)
  })
})
