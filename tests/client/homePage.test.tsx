import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { App } from '../../client/src/App'
import { HomePage } from '../../client/src/home/HomePage'
import { appStore } from '../../client/src/state/appStore'
import { persistAppState } from '../../client/src/state/persistAppState'
import { deviceStorage } from '../../client/src/user/deviceStorage'
import { loadRecentBoards, rememberBoard } from '../../client/src/user/recentBoards'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
let root: Root
let container: HTMLElement
let stopPersisting: () => void

beforeEach(() => {
  localStorage.clear()
  window.history.replaceState(null, '', '/')
  stopPersisting = persistAppState(appStore, {
    storage: deviceStorage,
    navigatorLanguage: 'en-US',
    onLocale: (locale) => document.documentElement.setAttribute('lang', locale),
  })
  appStore.getState().setUser({ ...appStore.getState().user!, name: '' })
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
  stopPersisting()
  vi.unstubAllGlobals()
})

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)

function typeInto(input: HTMLInputElement, value: string) {
  // React tracks the value itself; set it through the native setter so onChange fires.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value)
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

async function render(element: React.ReactElement) {
  await act(async () => root.render(element))
}

describe('home page', () => {
  test('asks for a name once, keeps it, and then shows it', async () => {
    await render(<App />)
    const input = byTestId('name-input') as HTMLInputElement
    expect(input).not.toBeNull()

    await act(async () => byTestId('name-submit')!.click())
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/1 to 40 characters/)

    await act(async () => typeInto(input, '  Ana  '))
    await act(async () => byTestId('name-submit')!.click())
    expect(byTestId('name-input')).toBeNull()
    expect(byTestId('user-name')?.textContent).toContain('Ana')
    expect(JSON.parse(localStorage.getItem('civic-canvas:user')!).name).toBe('Ana')
  })

  test('the language switch changes our text and <html lang>, and is remembered', async () => {
    await render(<App />)
    expect(document.documentElement.lang).toBe('en')
    expect(byTestId('create-board')?.textContent).toBe('New board')

    await act(async () => byTestId('locale-switch')!.click())
    expect(document.documentElement.lang).toBe('zh-TW')
    expect(byTestId('create-board')?.textContent).toBe('建立新畫布')
    expect(document.title).toBe('公共服務共創畫布')
    expect(localStorage.getItem('civic-canvas:locale')).toBe('zh-TW')
  })

  test('creating a board opens it and adds it to recent boards', async () => {
    const fetchMock = vi.fn(async () => Response.json({ id: boardId }))
    vi.stubGlobal('fetch', fetchMock)
    await render(<HomePage />)
    await act(async () => byTestId('create-board')!.click())
    expect(fetchMock).toHaveBeenCalledWith('/api/boards', expect.objectContaining({ method: 'POST' }))
    expect(window.location.pathname).toBe(`/b/${boardId}`)
    expect(loadRecentBoards(deviceStorage)[0]?.id).toBe(boardId)
  })

  test('a failed create shows a translated error and stays home', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 500 }))
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    await render(<HomePage />)
    await act(async () => byTestId('create-board')!.click())
    expect(logged).toHaveBeenCalledOnce()
    logged.mockRestore()
    expect(byTestId('create-board-error')?.textContent).toContain('error 500')
    expect(window.location.pathname).toBe('/')
    expect((byTestId('create-board') as HTMLButtonElement).disabled).toBe(false)
  })

  test('a server that wants an operator code asks for it, then sends it', async () => {
    const seen: (string | null)[] = []
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization')
      seen.push(auth)
      return auth === 'Bearer operator-code-of-this-server-123456'
        ? Response.json({ id: boardId })
        : Response.json({ error: 'operator code needed' }, { status: 401 })
    })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    await render(<HomePage />)
    expect(byTestId('operator-code-input')).toBeNull()
    await act(async () => byTestId('create-board')!.click())
    expect(byTestId('create-board-error')?.textContent).toContain('operator code')
    const input = byTestId('operator-code-input') as HTMLInputElement
    expect(input).not.toBeNull()
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
      setValue.call(input, 'operator-code-of-this-server-123456')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await act(async () => byTestId('create-board')!.click())
    logged.mockRestore()
    expect(seen).toEqual([null, 'Bearer operator-code-of-this-server-123456'])
    expect(window.location.pathname).toBe(`/b/${boardId}`)
  })

  test('join accepts a pasted link and refuses garbage with a reason', async () => {
    await render(<HomePage />)
    const input = byTestId('join-input') as HTMLInputElement
    await act(async () => typeInto(input, 'not a board'))
    await act(async () => byTestId('join-submit')!.click())
    expect(container.querySelector('.join-form [role="alert"]')?.textContent).toMatch(/not valid/)
    expect(window.location.pathname).toBe('/')

    await act(async () => typeInto(input, `${window.location.origin}/b/${boardId}`))
    await act(async () => byTestId('join-submit')!.click())
    expect(window.location.pathname).toBe(`/b/${boardId}`)
  })

  test('recent boards are listed and can be removed', async () => {
    rememberBoard(deviceStorage, { id: boardId, lastOpenedAt: 1 })
    rememberBoard(deviceStorage, { id: 'ZyXwVuTsRqPoNmLkJiHgFe', lastOpenedAt: 2 })
    await render(<HomePage />)
    const items = () => [...container.querySelectorAll('[data-board-id]')].map((li) => li.getAttribute('data-board-id'))
    expect(items()).toEqual(['ZyXwVuTsRqPoNmLkJiHgFe', boardId])

    const remove = container.querySelector<HTMLButtonElement>(`[data-board-id="${boardId}"] button`)!
    await act(async () => remove.click())
    expect(items()).toEqual(['ZyXwVuTsRqPoNmLkJiHgFe'])
    expect(document.activeElement?.getAttribute('href')).toBe('/b/ZyXwVuTsRqPoNmLkJiHgFe')
    expect(loadRecentBoards(deviceStorage).map((b) => b.id)).toEqual(['ZyXwVuTsRqPoNmLkJiHgFe'])
  })
})

describe('routing', () => {
  test('an invalid board link shows a friendly page with a way home', async () => {
    window.history.replaceState(null, '', '/b/too-short')
    await render(<App />)
    expect(byTestId('invalid-board')?.textContent).toContain('Board not found')
    const home = container.querySelector<HTMLAnchorElement>('main a[href="/"]')!
    await act(async () => home.click())
    expect(window.location.pathname).toBe('/')
    expect(byTestId('create-board')).not.toBeNull()
  })

  test('back/forward (popstate) re-renders the matching page', async () => {
    window.history.replaceState(null, '', '/nowhere')
    await render(<App />)
    expect(byTestId('not-found')).not.toBeNull()
    await act(async () => {
      window.history.replaceState(null, '', '/')
      window.dispatchEvent(new PopStateEvent('popstate'))
    })
    expect(byTestId('not-found')).toBeNull()
    expect(byTestId('create-board')).not.toBeNull()
  })
})
