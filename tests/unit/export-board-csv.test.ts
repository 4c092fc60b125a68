import { describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { cellNote, serviceBlueprint, stakeholderCard } from '../../shared/templates/designShapes'
import { TEMPLATE_PAGE_ID, TemplateBoard, tr } from '../../shared/templates/templateBoard'
import { boardCsv, boardCsvRows, BOARD_CSV_COLUMNS } from '../../client/src/export/boardCsv'
import { bricsMatrixCsv, bricsMatrixMarkdown, bricsMatrixRows } from '../../client/src/export/bricsExport'
import { parseCsv, toCsv, UTF8_BOM } from '../../client/src/export/csv'

/** Two step frames: a note and a persona-free idea in 同理, a blueprint step linked to a stakeholder in 原型. */
function knownBoard(): TLRecord[] {
  const board = new TemplateBoard('exportboard000000001', 'zh-tw')
  board.frame('frame-empathize', { x: 0, y: 0, w: 1000, h: 800 }, '同理', 'blue')
  board.frame('frame-prototype', { x: 1200, y: 0, w: 3000, h: 2000 }, '原型', 'green')
  board.note('idea', TEMPLATE_PAGE_ID, { x: 100, y: 300 }, '申辦流程太複雜，"要跑三個窗口"')
  board.note('early', TEMPLATE_PAGE_ID, { x: 400, y: 100 }, '=SUM(A1) 不是公式')
  board.note('outside', TEMPLATE_PAGE_ID, { x: 5000, y: 5000 }, '框外的便利貼')
  const blueprint = serviceBlueprint(board, 'blueprint', { x: 1300, y: 100 }, {
    title: board.t(tr('服務藍圖', 'Blueprint')),
    stages: [{ key: 'apply', name: '線上申請' }],
    cells: { apply: { customerActions: '填寫表單' } },
  })
  cellNote(board, 'step', blueprint, 'apply', 'frontStage', '系統自動帶入戶籍資料')
  stakeholderCard(board, 'agency', { x: 3400, y: 100 }, { name: '戶政事務所', group: 'co-provider', sector: 'government', benefits: [{ text: '減少臨櫃' }], costs: [{ text: '系統介接', carrierId: board.id('agency') }] })
  board.arrow('link', board.id('step'), board.id('agency'))
  return board.records
}

describe('toCsv / parseCsv', () => {
  it.each([
    ['plain', [['a', 'b']], 'a,b'],
    ['comma and quote', [['x,y', 'say "hi"']], '"x,y","say ""hi"""'],
    ['newline kept inside a cell', [['line 1\nline 2']], '"line 1\nline 2"'],
    ['formula defused', [['=1+1', '+3', '@x', '-x', '-2']], "'=1+1,'+3,'@x,'-x,-2"],
    ['Chinese untouched', [['人物誌', '痛點']], '人物誌,痛點'],
    ['empty and null cells', [['', null, undefined, 0]], ',,,0'],
  ])('%s', (_name, rows, line) => {
    const csv = toCsv(rows)
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(csv).toBe(`${UTF8_BOM}${line}\r\n`)
  })

  it('round-trips through parseCsv', () => {
    const rows = [['框架', 'text'], ['a "b", c', 'x\r\ny'], ['', '使用者']]
    expect(parseCsv(toCsv(rows))).toEqual(rows)
  })
})

describe('board CSV', () => {
  it('has a translated header, a BOM, and one row per note, card and filled map cell', () => {
    const rows = boardCsvRows(knownBoard(), { locale: 'zh-tw' })
    expect(rows[0]).toEqual(['框架／步驟', '圖形類型', '階段', '列／泳道', '內容', '作者', '票數', '關聯利害關係人', '圖形 ID'])
    expect(rows.slice(1).map((r) => r[4])).toEqual([
      '申辦流程太複雜，"要跑三個窗口"',
      '=SUM(A1) 不是公式',
      '填寫表單',
      '系統自動帶入戶籍資料',
      '戶政事務所\n服務協力提供者／中介者 · 政府',
      '框外的便利貼',
    ])
    expect(boardCsv(knownBoard(), { locale: 'zh-tw' }).startsWith('\uFEFF框架／步驟,')).toBe(true)
  })

  it('gives each row its frame, stage, lane and linked stakeholders', () => {
    const rows = boardCsvRows(knownBoard(), { locale: 'zh-tw', votes: { 'shape:x': 1 } })
    const col = (name: (typeof BOARD_CSV_COLUMNS)[number]) => BOARD_CSV_COLUMNS.indexOf(name)
    const byText = (text: string) => rows.find((r) => r[col('text')] === text)!
    expect(byText('申辦流程太複雜，"要跑三個窗口"')[col('frame')]).toBe('同理')
    expect(byText('申辦流程太複雜，"要跑三個窗口"')[col('type')]).toBe('便利貼')
    const step = byText('系統自動帶入戶籍資料')
    expect([step[col('frame')], step[col('stage')], step[col('row')], step[col('stakeholders')]]).toEqual(['原型', '線上申請', '前臺', '戶政事務所'])
    const cell = byText('填寫表單')
    expect([cell[col('type')], cell[col('stage')], cell[col('row')]]).toEqual(['服務藍圖格', '線上申請', '顧客行為'])
    expect(byText('框外的便利貼')[col('frame')]).toBe('')
    expect(rows.slice(1).every((r) => r[col('votes')] === '')).toBe(true)
  })

  it('fills the votes column from a vote result and speaks English when asked', () => {
    const records = knownBoard()
    const noteId = records.find((r) => r.typeName === 'shape' && r.type === 'note')!.id
    const rows = boardCsvRows(records, { locale: 'en', votes: { [noteId]: 4 } })
    expect(rows[0]![0]).toBe('Frame / step')
    expect(rows.find((r) => r[8] === noteId)![6]).toBe('4')
  })
})

describe('BRiCS matrix export', () => {
  it('lists each stakeholder with B/R/C, carriers and the steps that depend on it', () => {
    const rows = bricsMatrixRows(knownBoard(), 'zh-tw')
    expect(rows[1]).toEqual(['戶政事務所', '服務協力提供者／中介者', '政府', '減少臨櫃', '', '系統介接 (承擔者: 戶政事務所)', '線上申請: 系統自動帶入戶籍資料'])
    expect(bricsMatrixCsv(knownBoard(), 'zh-tw').startsWith(UTF8_BOM)).toBe(true)
  })

  it('writes a Markdown table with escaped pipes and line breaks', () => {
    const md = bricsMatrixMarkdown(knownBoard(), 'en', 'BRiCS | bus')
    const lines = md.split('\n')
    expect(lines[0]).toBe('# BRiCS | bus')
    expect(lines[2]).toMatch(/^\| Name \| Group \| Sector \| B — Benefit/)
    expect(lines[3]).toBe('| --- | --- | --- | --- | --- | --- | --- |')
    expect(lines[4]).toContain('| 戶政事務所 | Co-provider / intermediary | Government | 減少臨櫃 |  | 系統介接 (carried by: 戶政事務所) |')
  })
})
