import { describe, expect, it, onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { connectOfficialClient } from './support/officialClient'
import { createTestBoard, docUrl } from './support/boards'
import { startTestServer, waitFor } from './support/testServer'

describe('ping/pong', () => {
  it('drops a socket that stops answering pings and keeps a live one', async () => {
    const server = await startTestServer({ pingIntervalMs: 100 })
    const { id: board, tokens } = await createTestBoard(server.url)
    const live = connectOfficialClient(server.wsUrl, board, tokens.participant)
    await live.synced

    const dead = new WebSocket(docUrl(server.wsUrl, board, tokens.participant), { autoPong: false })
    onTestFinished(() => dead.terminate())
    const closedAt = new Promise<number>((resolve) => dead.once('close', () => resolve(Date.now())))
    await new Promise((resolve) => dead.once('open', resolve))
    const openedAt = Date.now()
    const closed = await closedAt
    // One ping unanswered, terminated at the next round: between one and about three intervals.
    expect(closed - openedAt).toBeGreaterThanOrEqual(90)
    expect(closed - openedAt).toBeLessThan(1000)
    expect(live.provider.wsconnected).toBe(true)
    await waitFor(() => server.registry.room(board)!.size === 1, 'the server to forget the dead socket')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(live.provider.wsconnected).toBe(true)
  })
})
