import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const chunk = { failuresLeft: 0, loads: 0 }

/** The real board page pulls in tldraw and opens websockets; the route only needs a component. */
function mockBoardPage() {
  vi.doMock('../../client/src/board/BoardPage', async () => {
    chunk.loads += 1
    if (chunk.failuresLeft > 0) {
      chunk.failuresLeft -= 1
      throw new Error('Failed to fetch dynamically imported module')
    }
    return { BoardPage: ({ boardId }: { boardId: string }) => <p data-testid="board-page">{boardId}</p> }
  })
}

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
let root: Root
let container: HTMLElement

beforeEach(() => {
  vi.resetModules()
  mockBoardPage()
  chunk.loads = 0
  window.history.replaceState(null, '', `/b/${boardId}`)
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})

afterEach(() => {
  vi.doUnmock('../../client/src/board/BoardPage')
  act(() => root.unmount())
  container.remove()
})

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)

async function renderApp() {
  const { App } = await import('../../client/src/App')
  await act(async () => root.render(<App />))
}

/**
 * Lets React commit until `probe` holds: a real dynamic import takes as long as it takes (a
 * fixed number of microtasks was not always enough). Turns with setImmediate, which the
 * fake timers below leave alone, so no timeout of the page's can fire meanwhile.
 */
async function until(probe: () => boolean) {
  for (let i = 0; i < 2000 && !probe(); i++) {
    await act(async () => {
      await new Promise((resolve) => setImmediate(resolve))
    })
  }
}

describe('board route: the board page chunk', () => {
  // The failure first: vitest keeps a mocked module it has once loaded across the file's
  // tests (resetModules leaves the mock registry alone), so after a successful load a later
  // test could be answered from that cache instead of by a failing factory.
  test('a failed download shows the load error, and the next attempt downloads again', async () => {
    chunk.failuresLeft = 1
    await renderApp()
    await until(() => byTestId('board-error') !== null)
    const error = byTestId('board-error')
    expect(error?.dataset.reason).toBe('load-failed')
    expect(byTestId('board-page')).toBeNull()
    expect(error?.querySelector('button')).not.toBeNull()

    expect(chunk.loads).toBe(1)
    // The failure is not kept: the next request resolves (a kept failure would reject again).
    // Not counted through the mock: vitest may answer that second import from its own cache.
    const { loadBoardPageChunk } = await import('../../client/src/board/boardPageChunk')
    const module = await loadBoardPageChunk()
    expect(typeof module.BoardPage).toBe('function')
  })

  test('shows the loading state, then the board page as soon as the chunk is in (no Suspense hold-back)', async () => {
    chunk.failuresLeft = 0
    const { App } = await import('../../client/src/App')
    // The module itself is fetched first, with real timers: vitest's own loading of a module
    // can wait on a timer, which the fake ones below would hold forever. The route still
    // starts from its loading state and asks for the chunk (answered from the module cache).
    await import('../../client/src/board/BoardPage')
    // No timer may fire: React keeps a Suspense fallback up for 300 ms (a timer) before it
    // shows content that arrived sooner; this route must show it as soon as the chunk is in.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] })
    try {
      await act(async () => root.render(<App />))
      await until(() => byTestId('board-page') !== null)
      expect(byTestId('board-page')?.textContent).toBe(boardId)
      expect(byTestId('board-loading')).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })
})
