import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { BoardTopBar } from '../../client/src/board/BoardTopBar'
import { appStore } from '../../client/src/state/appStore'

globalThis.IS_REACT_ACT_ENVIRONMENT = true

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
let root: Root
let container: HTMLElement

beforeEach(async () => {
  appStore.setState({
    locale: 'en',
    user: { id: 'u1', name: 'Ana', color: '#1f77b4' },
    connection: { status: 'connecting', unsentChanges: 0, savedLocally: false },
  })
  window.history.replaceState(null, '', `/b/${boardId}`)
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  await act(async () => root.render(<BoardTopBar boardId={boardId} />))
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)!

describe('board top bar', () => {
  test('the status badge follows the store, with unsent changes and local saving', async () => {
    const badge = byTestId('connection-status')
    expect(badge.dataset.status).toBe('connecting')

    await act(async () => appStore.getState().setConnection({ status: 'connected', savedLocally: true }))
    expect(badge.dataset.status).toBe('connected')
    expect(badge.textContent).toBe('Connected')

    await act(async () => appStore.getState().setConnection({ status: 'offline', unsentChanges: 3 }))
    expect(badge.dataset.status).toBe('offline')
    expect(badge.textContent).toBe('Offline · 3 unsent changes · saved on this device')

    await act(async () => appStore.getState().setLocale('zh-TW'))
    expect(badge.textContent).toBe('離線 · 3 項變更尚未送出 · 已儲存在此裝置')
  })

  test('shows the board id and the user’s name, which opens the rename dialog', async () => {
    expect(byTestId('board-id').textContent).toBe(boardId)
    await act(async () => byTestId('user-name').click())
    const input = byTestId('name-input') as HTMLInputElement
    expect(input.value).toBe('Ana')
  })

  test('copy link puts the address on the clipboard and says so', async () => {
    const writeText = vi.fn(async (_text: string) => {})
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await act(async () => byTestId('copy-link').click())
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/b/${boardId}`)
    expect(byTestId('copy-link').textContent).toBe('Link copied')
  })

  test('a refused clipboard explains what to do instead', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } })
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await act(async () => byTestId('copy-link').click())
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/address bar/)
    expect(warned).toHaveBeenCalledOnce()
    warned.mockRestore()
  })
})
