import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { startServer, type RunningServer } from '../../server/app'
import { silentLogger } from '../../server/log'
import { CloseCode } from '../../shared/closeCodes'
import type { BoardConnectionTarget } from '../../client/src/sync/boardConnection'
import { connectBoardPage, dropEarlyBoardConnection, openEarlyBoardConnection } from '../../client/src/sync/earlyBoardConnection'
import { createBoardOutsideTheDom, mountSync, postOutsideTheDom, readyStore } from '../support/boardSyncHarness'
import { waitFor } from '../support/waitFor'

let server: RunningServer | null = null
const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-early-'))
const domWebSocket = globalThis.WebSocket
beforeAll(async () => {
  // happy-dom's WebSocket delivers the server's messages but not ours: the providers use Node's `ws`.
  globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: dataDir, log: silentLogger, unloadDelayMs: 100 })
})
afterEach(() => dropEarlyBoardConnection())
afterAll(async () => {
  globalThis.WebSocket = domWebSocket
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const serverUrl = () => `ws://127.0.0.1:${server?.port ?? 0}/ws`

async function newBoard(): Promise<{ target: BoardConnectionTarget; token: string }> {
  const created = await createBoardOutsideTheDom(server?.port ?? 0)
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
    const created = await createBoardOutsideTheDom(server?.port ?? 0)
    const target = { boardId: created.id, serverUrl: serverUrl(), token: created.tokens.participant }
    const early = openEarlyBoardConnection(target)!
    await waitFor('early connection synced', () => early.provider.synced)
    // A facilitator replaces the links: the server closes the old link's sockets with 4403.
    await postOutsideTheDom(server?.port ?? 0, `/api/boards/${created.id}/tokens/rotate`, { bearer: created.tokens.facilitator })
    await waitFor('closed for good', () => early.terminalClose !== null)
    expect(early.terminalClose?.code).toBe(CloseCode.forbidden)
    const lost: number[] = []
    const page = mountSync(target.boardId, 'hana', target.serverUrl, target.token, { onAccessLost: (code) => lost.push(code) })
    try {
      await waitFor('access lost reported', () => lost.length > 0)
      expect(lost).toEqual([CloseCode.forbidden])
    } finally {
      page.unmount()
    }
  })
})
