import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { BOARD_TEMPLATES } from '../../shared/access/boardApi'
import { TEMPLATE_IDS } from '../../shared/templates'
import { CreateBoardError, requestNewBoard } from '../../client/src/home/createBoard'
import { HomePage } from '../../client/src/home/HomePage'
import { TEMPLATE_CHOICES } from '../../client/src/home/templateChoices'
import { appStore } from '../../client/src/state/appStore'
import { deviceStorage } from '../../client/src/user/deviceStorage'
import { loadRecentBoards } from '../../client/src/user/recentBoards'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
const tokens = { facilitator: 'v1.fac.mac', participant: 'v1.par.mac', viewer: 'v1.vie.mac' }
let root: Root
let container: HTMLElement

beforeEach(() => {
  localStorage.clear()
  window.history.replaceState(null, '', '/')
  appStore.getState().setLocale('en')
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
  vi.unstubAllGlobals()
})

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)

function typeInto(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value)
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

/** A fetch that answers `answer` and records each request's url, method and JSON body. */
function stubFetch(answer: () => Response) {
  const calls: { url: string; method?: string; body: unknown }[] = []
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    return answer()
  })
  return calls
}

describe('"New board" template choices', () => {
  test('offer exactly the templates the server knows', () => {
    expect(TEMPLATE_CHOICES.map((c) => c.id)).toEqual([...TEMPLATE_IDS])
    expect([...TEMPLATE_IDS]).toEqual([...BOARD_TEMPLATES])
  })

  test.each([
    ['en', ['Blank board', 'Five-step workshop', 'Example: Data Request Helper', 'Example: Taipei bus arrival app'], /empathize to test/],
    ['zh-TW', ['空白畫布', '設計思考五步驟工作坊', '範例：資料申請小幫手', '範例：台北等公車'], /同理、定義、發想、原型、測試/],
  ] as const)('are named and described in %s', async (locale, names, fiveStepDescription) => {
    appStore.getState().setLocale(locale)
    await act(async () => root.render(<HomePage />))
    const options = TEMPLATE_CHOICES.map((c) => byTestId(`template-option-${c.id}`)!)
    expect(options.map((o) => o.querySelector('.template-option-name')?.textContent)).toEqual(names)
    expect(options[1]?.querySelector('.template-option-description')?.textContent).toMatch(fiveStepDescription)
    expect(options.map((o) => o.querySelector('input')!.checked)).toEqual([true, false, false, false])
  })
})

describe('creating a board from a template', () => {
  test('sends the template and its name, opens the board as facilitator, and keeps the links', async () => {
    const calls = stubFetch(() => Response.json({ id: boardId, name: 'Five-step workshop', template: 'five-step', tokens }, { status: 201 }))
    await act(async () => root.render(<HomePage />))
    await act(async () => byTestId('template-option-five-step')!.querySelector('input')!.click())
    expect(byTestId('template-option-five-step')!.className).toContain('template-option-selected')
    await act(async () => byTestId('create-board')!.click())

    expect(calls).toEqual([{ url: '/api/boards', method: 'POST', body: { template: 'five-step', name: 'Five-step workshop' } }])
    expect(window.location.pathname).toBe(`/b/${boardId}`)
    expect(window.location.hash).toBe(`#t=${tokens.facilitator}`)
    const remembered = loadRecentBoards(deviceStorage)[0]
    expect(remembered).toMatchObject({ id: boardId, title: 'Five-step workshop', token: tokens.facilitator, role: 'facilitator', tokens })
  })

  test('a typed name wins over the template’s (trimmed); zh-TW names an unnamed example in Chinese', async () => {
    const calls = stubFetch(() => Response.json({ id: boardId, tokens }, { status: 201 }))
    await act(async () => root.render(<HomePage />))
    await act(async () => byTestId('template-option-bus-arrival')!.querySelector('input')!.click())
    await act(async () => typeInto(byTestId('board-name-input') as HTMLInputElement, '  第三組  '))
    await act(async () => byTestId('create-board')!.click())
    expect(calls[0]?.body).toEqual({ template: 'bus-arrival', name: '第三組' })

    window.history.replaceState(null, '', '/')
    appStore.getState().setLocale('zh-TW')
    await act(async () => root.render(<HomePage key="again" />))
    await act(async () => byTestId('template-option-data-request-helper')!.querySelector('input')!.click())
    await act(async () => byTestId('create-board')!.click())
    expect(calls[1]?.body).toEqual({ template: 'data-request-helper', name: '範例：資料申請小幫手' })
  })

  test('a blank board is sent without a name', async () => {
    const calls = stubFetch(() => Response.json({ id: boardId, tokens }, { status: 201 }))
    await act(async () => root.render(<HomePage />))
    await act(async () => byTestId('create-board')!.click())
    expect(calls[0]?.body).toEqual({ template: 'blank' })
  })
})

describe('requestNewBoard reads the answer', () => {
  const call = (answer: unknown) => requestNewBoard({ template: 'five-step', name: 'W' }, (async () => Response.json(answer)) as typeof fetch)

  test.each([
    ['the contract’s answer', { id: boardId, name: 'W', template: 'five-step', tokens }, { id: boardId, name: 'W', template: 'five-step', tokens }],
    ['a server without roles (id only)', { id: boardId }, { id: boardId, name: 'W', template: 'five-step', tokens: null }],
    ['an unknown template echoed back', { id: boardId, template: 'kanban', tokens }, { id: boardId, name: 'W', template: 'five-step', tokens }],
  ])('%s', async (_name, answer, expected) => {
    await expect(call(answer)).resolves.toEqual(expected)
  })

  test.each([
    ['tokens that are not an object', { id: boardId, tokens: 'abc' }],
    ['a missing viewer token', { id: boardId, tokens: { facilitator: 'a', participant: 'b' } }],
    ['an empty facilitator token', { id: boardId, tokens: { ...tokens, facilitator: '' } }],
    ['a bad id', { id: '../x', tokens }],
  ])('refuses %s', async (_name, answer) => {
    const error = await call(answer).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CreateBoardError)
    expect((error as CreateBoardError).failure).toEqual({ reason: 'bad-response' })
  })
})
