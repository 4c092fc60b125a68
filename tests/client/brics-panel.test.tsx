import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createShapeId, toRichText, type Editor, type TLShapeId } from 'tldraw'
import { BricsPanel } from '../../client/src/brics/BricsPanel'
import { linkStepToStakeholder } from '../../client/src/brics/linkStakeholder'
import { appStore } from '../../client/src/state/appStore'
import { cellRect, geometryOfMap, type MapShape } from '../../shared/rules'
import { sortedEntries, type StakeholderShape } from '../../shared/shapes'
import { designShapeUtils, designTools, mountHeadlessEditor } from '../support/headlessEditor'

globalThis.IS_REACT_ACT_ENVIRONMENT = true

let editor: Editor
let root: Root
let host: HTMLElement
const disposers: Array<() => void> = []

function headlessEditor(): Editor {
  const created = mountHeadlessEditor({ shapeUtils: designShapeUtils, tools: designTools })
  disposers.push(created.dispose)
  return created.editor
}

const agency = createShapeId('agency')
const citizen = createShapeId('citizen')
const blueprint = createShapeId('blueprint')

function stepNote(lane: string, text: string): TLShapeId {
  const map = editor.getShape(blueprint) as MapShape
  const stageId = sortedEntries(map.props.stages)[1]![0]
  const rect = cellRect(geometryOfMap(map), stageId, lane)!
  const id = createShapeId()
  editor.createShape({ id, type: 'note', x: map.x + rect.x + 8, y: map.y + rect.y + 8, props: { scale: 0.5, richText: toRichText(text) } })
  return id
}

function card(id: TLShapeId): StakeholderShape {
  return editor.getShape(id) as StakeholderShape
}

beforeEach(async () => {
  appStore.setState({ locale: 'en', panels: { people: false, brics: true } })
  editor = headlessEditor()
  editor.createShape({ id: blueprint, type: 'service-blueprint', x: 0, y: 0 })
  editor.createShape({
    id: agency,
    type: 'stakeholder',
    x: 2200,
    y: 0,
    props: {
      name: 'Data agency',
      group: 'co-provider',
      benefits: { b1: { text: 'Knows what people ask for', index: 'a1' as never, carrierId: '' } },
      risks: { r1: { text: 'Data leak', index: 'a1' as never, carrierId: '' } },
    },
  })
  editor.createShape({ id: citizen, type: 'stakeholder', x: 2200, y: 700, props: { name: 'Requester' } })
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  await act(async () => root.render(<BricsPanel editor={editor} />))
})

afterEach(() => {
  act(() => root.unmount())
  host.remove()
  while (disposers.length > 0) disposers.pop()?.()
})

const q = <T extends Element = HTMLElement>(selector: string) => host.querySelector<T>(selector)
const qa = <T extends Element = HTMLElement>(selector: string) => [...host.querySelectorAll<T>(selector)]
const row = (id: TLShapeId) => q(`[data-testid="brics-matrix"] tr[data-stakeholder-id="${id}"]`)!
const cell = (id: TLShapeId, kind: string) => row(id).querySelector<HTMLElement>(`td[data-kind="${kind}"]`)!

async function typeAndPress(input: HTMLInputElement, text: string, key: string, init: KeyboardEventInit = {}) {
  await act(async () => {
    input.focus()
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    setValue.call(input, text)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }))
  })
}

describe('the BRiCS matrix as a table', () => {
  test('has a caption, column and row headers, and one row per stakeholder', () => {
    const table = q<HTMLTableElement>('[data-testid="brics-matrix"]')!
    expect(table.tagName).toBe('TABLE')
    expect(table.caption?.textContent).toMatch(/Stakeholders × Benefit, Risk, Cost/)
    expect(qa('[data-testid="brics-matrix"] thead th').map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
      ['col', 'Stakeholder'],
      ['col', 'B — Benefit / value'],
      ['col', 'R — Risk'],
      ['col', 'C — Cost / condition / context'],
      ['col', 'Steps that depend on it'],
    ])
    const rowHeaders = qa('[data-testid="brics-matrix"] tbody th')
    expect(rowHeaders.map((th) => th.getAttribute('scope'))).toEqual(['row', 'row'])
    expect(rowHeaders.map((th) => th.querySelector('button')!.textContent)).toEqual(['Data agency', 'Requester'])
    expect(q('aside')!.getAttribute('aria-labelledby')).toBe('brics-panel-title')
  })

  test('every entry field is named by its kind, number and stakeholder, and holds the card’s text', () => {
    const input = cell(agency, 'risks').querySelector<HTMLInputElement>('input')!
    expect(input.getAttribute('aria-label')).toBe('risk entry 1 of Data agency')
    expect(input.value).toBe('Data leak')
  })

  test('follows the language of the app', async () => {
    await act(async () => appStore.getState().setLocale('zh-TW'))
    expect(q('h2')!.textContent).toBe('多元利害關係人 BRiCS 分析')
    expect(cell(agency, 'risks').querySelector('input')!.getAttribute('aria-label')).toBe('Data agency 的風險第 1 項')
  })
})

describe('editing in the panel edits the card', () => {
  test('Enter commits a new text into that one keyed entry', async () => {
    const input = cell(agency, 'benefits').querySelector<HTMLInputElement>('input')!
    await typeAndPress(input, 'Sees which topics to open next', 'Enter')
    expect(card(agency).props.benefits).toEqual({
      b1: { text: 'Sees which topics to open next', index: 'a1', carrierId: '' },
    })
    expect(document.activeElement).toBe(input)
  })

  test('Enter during an IME composition does not commit; Escape restores the card’s text', async () => {
    const input = cell(agency, 'benefits').querySelector<HTMLInputElement>('input')!
    await typeAndPress(input, '掌握', 'Enter', { isComposing: true, keyCode: 229 })
    expect(card(agency).props.benefits.b1?.text).toBe('Knows what people ask for')
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    expect(input.value).toBe('Knows what people ask for')
    await act(async () => input.blur())
    expect(card(agency).props.benefits.b1?.text).toBe('Knows what people ask for')
  })

  test('Add creates an empty entry on the card and focuses its field; × removes it', async () => {
    const add = cell(citizen, 'costs').querySelector<HTMLButtonElement>('.brics-add')!
    expect(add.getAttribute('aria-label')).toBe('Add a cost entry to Requester')
    await act(async () => add.click())
    const entries = Object.values(card(citizen).props.costs)
    expect(entries).toEqual([expect.objectContaining({ text: '', carrierId: '' })])
    const input = cell(citizen, 'costs').querySelector<HTMLInputElement>('input')!
    expect(document.activeElement).toBe(input)
    await typeAndPress(input, 'Learning the platform', 'Enter')
    expect(Object.values(card(citizen).props.costs).map((e) => e.text)).toEqual(['Learning the platform'])

    await act(async () => cell(citizen, 'costs').querySelector<HTMLButtonElement>('.brics-remove')!.click())
    expect(card(citizen).props.costs).toEqual({})
    expect(cell(citizen, 'costs').querySelector('input')).toBeNull()
  })

  test('choosing who carries a risk names that stakeholder on the card, and clears the check', async () => {
    const findings = () => qa('[data-testid="brics-issues"] li').map((li) => li.dataset.kind)
    expect(findings()).toContain('risk-without-carrier')
    const select = cell(agency, 'risks').querySelector<HTMLSelectElement>('select')!
    expect([...select.options].map((o) => o.textContent)).toEqual(['Nobody yet', 'Data agency', 'Requester'])
    await act(async () => {
      select.value = citizen
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(card(agency).props.risks.r1?.carrierId).toBe(citizen)
    expect(findings()).not.toContain('risk-without-carrier')
  })

  test('an edit keeps an entry someone else added meanwhile (patches the card as it is now)', async () => {
    const input = cell(agency, 'benefits').querySelector<HTMLInputElement>('input')!
    await act(async () => {
      input.focus()
      editor.store.mergeRemoteChanges(() =>
        editor.updateShape({
          id: agency,
          type: 'stakeholder',
          props: { benefits: { ...card(agency).props.benefits, b2: { text: 'Fewer repeat requests', index: 'a2' as never, carrierId: '' } } },
        }),
      )
    })
    await typeAndPress(input, 'Knows the demand', 'Enter')
    expect(Object.values(card(agency).props.benefits).map((e) => e.text).sort()).toEqual(['Fewer repeat requests', 'Knows the demand'])
  })
})

describe('cards that may not be edited', () => {
  test('a locked card, or a read-only board, shows its entries without edit controls enabled', async () => {
    const controls = (id: TLShapeId) =>
      [...row(id).querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('td input, td select, td button.brics-add, td button.brics-remove')]
    expect(controls(agency).every((c) => !c.disabled)).toBe(true)
    await act(async () => editor.toggleLock([agency]))
    expect(controls(agency).every((c) => c.disabled)).toBe(true)
    expect(controls(citizen).every((c) => !c.disabled)).toBe(true)
    expect(cell(agency, 'risks').querySelector('input')!.value).toBe('Data leak')

    await act(async () => editor.updateInstanceState({ isReadonly: true }))
    expect(controls(citizen).length).toBeGreaterThan(0)
    expect(controls(citizen).every((c) => c.disabled)).toBe(true)
  })
})

describe('live analysis', () => {
  test('a remote link updates the steps column, the steps table and the checks', async () => {
    let step!: TLShapeId
    await act(async () => {
      step = stepNote('frontStage', 'Online request form')
    })
    expect(cell(citizen, 'steps').textContent).toBe('none')
    expect(qa('[data-testid="brics-issues"] li').map((li) => li.dataset.kind)).toContain('step-without-stakeholder')

    await act(async () => {
      editor.store.mergeRemoteChanges(() => {
        linkStepToStakeholder(editor, step, citizen)
      })
    })
    expect(cell(citizen, 'steps').textContent).toBe('Online request form')
    const stepRow = q(`[data-testid="brics-steps"] tr[data-step-id="${step}"]`)!
    expect(stepRow.querySelector('th[scope="row"]')!.textContent).toBe('Online request form')
    expect(stepRow.textContent).toContain('Front stage')
    expect(stepRow.textContent).toContain('Requester')
    expect(qa('[data-testid="brics-issues"] li').map((li) => li.dataset.kind)).not.toContain('step-without-stakeholder')
  })

  test('clicking a stakeholder, a step or a finding selects it on the board', async () => {
    await act(async () => row(citizen).querySelector<HTMLButtonElement>('th button')!.click())
    expect(editor.getSelectedShapeIds()).toEqual([citizen])

    let step!: TLShapeId
    await act(async () => {
      step = stepNote('backStage', 'Officer reviews')
    })
    const finding = qa<HTMLButtonElement>('[data-testid="brics-issues"] li[data-kind="step-without-stakeholder"] button')[0]!
    expect(finding.textContent).toBe('Step “Officer reviews” (Back stage) depends on no stakeholder.')
    await act(async () => finding.click())
    expect(editor.getSelectedShapeIds()).toEqual([step])
  })
})

describe('keyboard', () => {
  test('opening takes the focus to the panel; keys pressed inside never reach the canvas shortcuts', async () => {
    expect(document.activeElement).toBe(q('#brics-panel-title'))
    const reachedBody: string[] = []
    const listener = (e: KeyboardEvent) => reachedBody.push(e.key)
    document.body.addEventListener('keydown', listener)
    try {
      const button = row(citizen).querySelector<HTMLButtonElement>('th button')!
      button.focus()
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }))
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }))
    } finally {
      document.body.removeEventListener('keydown', listener)
    }
    expect(reachedBody).toEqual(['x'])
  })
})
