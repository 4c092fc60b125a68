import { describe, expect, it, onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { CloseCode } from '../../shared/closeCodes'
import { connectOfficialClient } from './support/officialClient'
import { createTestBoard, docUrl } from './support/boards'
import { startTestServer, waitFor } from './support/testServer'

const MAX_PAYLOAD = 64 * 1024

/** A raw websocket on the board; resolves once open. */
async function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(url)
  onTestFinished(() => ws.terminate())
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  ws.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, closed }
}

describe('bad frames close only their socket', () => {
  it.each([
    ['a text frame', 'hello', CloseCode.textFrame],
    ['garbage bytes in a sync update', Buffer.from([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff]), CloseCode.malformedMessage],
    ['an unknown message type', Buffer.from([7, 1, 2]), CloseCode.unknownMessageType],
    ['a truncated varint', Buffer.from([0x80]), CloseCode.malformedMessage],
    ['an oversize frame', Buffer.alloc(MAX_PAYLOAD + 1), CloseCode.messageTooLarge],
  ])('%s closes with %i while another client keeps syncing', async (_name, frame, expectedCode) => {
    const server = await startTestServer({ maxPayloadBytes: MAX_PAYLOAD })
    const { id: board, tokens } = await createTestBoard(server.url)
    const alice = connectOfficialClient(server.wsUrl, board, tokens.participant)
    const bob = connectOfficialClient(server.wsUrl, board, tokens.participant)
    await Promise.all([alice.synced, bob.synced])
    alice.doc.getMap('notes').set('before', 1)
    await waitFor(() => bob.doc.getMap('notes').get('before') === 1, 'bob to see the first note')

    const bad = await rawSocket(docUrl(server.wsUrl, board, tokens.participant))
    bad.ws.send(frame)
    const { code } = await bad.closed
    expect(code).toBe(expectedCode)

    alice.doc.getMap('notes').set('after', 2)
    bob.doc.getMap('notes').set('reply', 3)
    await waitFor(
      () => bob.doc.getMap('notes').get('after') === 2 && alice.doc.getMap('notes').get('reply') === 3,
      'both clients to keep syncing after the bad frame',
    )
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true)
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
  })
})
