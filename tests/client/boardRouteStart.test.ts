import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'

// On a board address the entry module starts the board page's chunk before React renders
// the route (client/src/board/boardAhead.ts, startBoardRoute). What a failed download shows,
// and that the next request downloads again, is the route's (tests/client/boardPageChunk.test.tsx).

const load = vi.fn<() => Promise<unknown>>()

beforeEach(() => {
  vi.resetModules()
  load.mockReset()
  vi.doMock('../../client/src/board/boardPageChunk', () => ({ loadBoardPageChunk: load }))
})

afterEach(() => {
  vi.doUnmock('../../client/src/board/boardPageChunk')
})

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'

describe('startBoardRoute', () => {
  test('asks for the board page chunk at once, before anything renders', async () => {
    load.mockResolvedValue({})
    const { startBoardRoute } = await import('../../client/src/board/boardAhead')
    startBoardRoute(boardId)
    expect(load).toHaveBeenCalledTimes(1)
  })
})
