import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import type { BoardConnectionTarget } from '../../client/src/sync/boardConnection'
import { connectBoardPage, dropEarlyBoardConnection, openEarlyBoardConnection } from '../../client/src/sync/earlyBoardConnection'
import { createBoardOutsideTheDom, mountSync, postOutsideTheDom, readyStore, serveBoardsForTests } from '../support/boardSyncHarness'
import { waitFor } from '../support/waitFor'

const boards = serveBoardsForTests('early')
afterEach(() => dropEarlyBoardConnection())

const serverUrl = () => boards.wsUrl()

async function newBoard(): Promise<{ target: BoardConnectionTarget; token: string }> {
  const created = await createBoardOutsideTheDom(boards.port)
  const token = created.tokens.participant
  return { target: { boardId: created.id, serverUrl: serverUrl(), token }, token }
}

describe('a board connection opened ahead of the board page', () => {
  it('is the one the page then uses, already synced', async () => {
    const { target, token } = await newBoard()
    const early = openEarlyBoardConnection(target)
    expect(early).not.toBeNull()
    await waitFor('early connection synced', () => early!.provider.synced)
    const page = mountSync(target.boardId, 'gus', target.serverUrl, token)
    try {
      await waitFor('ready', () => readyStore(page))
      const state = page.latest()
      expect(state?.status === 'ready' && state.doc).toBe(early!.doc)
      expect(state?.status === 'ready' && state.provider).toBe(early!.provider)
      // While the page holds the board, nothing more is opened ahead for it.
      expect(openEarlyBoardConnection(target)).toBeNull()
    } finally {
      page.unmount()
    }
    // The page's unmount closed it.
    expect(early!.provider.shouldConnect).toBe(false)
  })

  it('is not used for another token, and is closed when nobody takes it in time', async () => {
    const { target, token } = await newBoard()
    const early = openEarlyBoardConnection(target, 50)!
    const other = connectBoardPage({ ...target, token: `${token}x` })
    try {
      expect(other.connection).not.toBe(early)
    } finally {
      other.release()
      other.connection.destroy()
    }
    await waitFor('closed after its time', () => early.provider.shouldConnect === false)
    const late = connectBoardPage(target)
    try {
      expect(late.connection).not.toBe(early)
    } finally {
      late.release()
      late.connection.destroy()
    }
  })

  it('tells the page its link was replaced even when that happened before the page listened', async () => {
    const created = await createBoardOutsideTheDom(boards.port)
    const target = { boardId: created.id, serverUrl: serverUrl(), token: created.tokens.participant }
    const early = openEarlyBoardConnection(target)!
    await waitFor('early connection synced', () => early.provider.synced)
    // A facilitator replaces the links: the server closes the old link's sockets with 4403.
    await postOutsideTheDom(boards.port, `/api/boards/${created.id}/tokens/rotate`, { bearer: created.tokens.facilitator })
    await waitFor('closed for good', () => early.terminalClose !== null)
    expect(early.terminalClose?.code).toBe(CloseCode.forbidden)
    const page = mountSync(target.boardId, 'hana', target.serverUrl, target.token)
    try {
      await waitFor('access lost reported', () => page.lost.length > 0)
      expect(page.lost).toEqual([CloseCode.forbidden])
    } finally {
      page.unmount()
    }
  })
})
