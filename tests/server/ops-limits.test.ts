import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createTestBoard, docUrl } from './support/boards'
import { connectOfficialClient } from './support/officialClient'
import { startTestServer, waitFor } from './support/testServer'
import { openRawSocket } from './ops-support'

/** A y-websocket query-awareness message: the smallest valid frame. */
const QUERY_AWARENESS = Uint8Array.of(3)

/** A y-websocket awareness message carrying one state with `name`. */
function awarenessFrame(name: string): Uint8Array {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState({ user: { name } })
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]))
  awareness.destroy()
  return encoding.toUint8Array(encoder)
}

describe('limits', () => {
  it('closes a connection over its message rate with 4504 and logs it; others on the board carry on', async () => {
    const server = await startTestServer({ rateMessagesPerSecond: 5 })
    const { id: board, tokens } = await createTestBoard(server.url)
    const calm = openRawSocket(docUrl(server.wsUrl, board, tokens.participant))
    const noisy = openRawSocket(docUrl(server.wsUrl, board, tokens.participant))
    await Promise.all([calm.opened, noisy.opened])
    // The bucket holds two seconds' worth (10); the eleventh frame in a burst is over.
    for (let i = 0; i < 20; i++) noisy.ws.send(QUERY_AWARENESS)
    expect(await noisy.closed).toBe(4504)
    expect(server.logs.some((l) => l.msg === 'connection over its rate limit' && l.fields?.code === 4504)).toBe(true)
    calm.ws.send(QUERY_AWARENESS)
    await new Promise((r) => setTimeout(r, 100))
    expect(calm.ws.readyState).toBe(calm.ws.OPEN)
  })

  it('closes a connection over its byte rate with 4504', async () => {
    const server = await startTestServer({ rateBytesPerSecond: 2048, maxPayloadBytes: 4096 })
    const { id: board, tokens } = await createTestBoard(server.url)
    const sender = openRawSocket(docUrl(server.wsUrl, board, tokens.participant))
    await sender.opened
    // Valid ~3 KB awareness frames: the bucket (4096 bytes, one largest frame) takes one, not two.
    const big = awarenessFrame('x'.repeat(2900))
    expect(big.byteLength).toBeGreaterThan(2900)
    for (let i = 0; i < 5; i++) sender.ws.send(big)
    expect(await sender.closed).toBe(4504)
  })

  it('refuses a connection beyond MAX_CONNECTIONS_PER_BOARD with 4502', async () => {
    const server = await startTestServer({ maxConnectionsPerBoard: 2 })
    const { id: board, tokens } = await createTestBoard(server.url)
    const first = openRawSocket(docUrl(server.wsUrl, board, tokens.participant))
    const second = openRawSocket(docUrl(server.wsUrl, board, tokens.viewer))
    await Promise.all([first.opened, second.opened])
    const third = openRawSocket(docUrl(server.wsUrl, board, tokens.viewer))
    expect(await third.closed).toBe(4502)
    expect(server.logs.some((l) => l.msg === 'connection refused by a limit' && l.fields?.limit === 'connectionsPerBoard')).toBe(true)
    // The board's session document is another document with its own count.
    const session = openRawSocket(docUrl(server.wsUrl, board, tokens.viewer, 'session'))
    await session.opened
  })

  it('refuses a new board beyond MAX_BOARDS with 4503 but still serves the loaded one', async () => {
    const server = await startTestServer({ maxBoards: 1 })
    const one = await createTestBoard(server.url)
    const two = await createTestBoard(server.url)
    const onOne = openRawSocket(docUrl(server.wsUrl, one.id, one.tokens.participant))
    await onOne.opened
    const onTwo = openRawSocket(docUrl(server.wsUrl, two.id, two.tokens.participant))
    expect(await onTwo.closed).toBe(4503)
    const againOnOne = openRawSocket(docUrl(server.wsUrl, one.id, one.tokens.viewer, 'session'))
    await againOnOne.opened
  })

  it('refuses an update that would take a board past MAX_DOCUMENT_BYTES with 4413, storing none of it', async () => {
    const server = await startTestServer({ maxDocumentBytes: 4096 })
    const { id: board, tokens } = await createTestBoard(server.url)
    const writer = connectOfficialClient(server.wsUrl, board, tokens.participant)
    await writer.synced
    const closed = new Promise<number>((resolve) => writer.provider.on('connection-close', (event) => resolve(event?.code ?? 0)))
    writer.doc.getMap('notes').set('small', '一張便利貼')
    await waitFor(() => server.registry.room(board)?.doc.getMap('notes').has('small') ?? false, 'the small note to be stored')
    writer.doc.getMap('notes').set('huge', 'x'.repeat(5000))
    expect(await closed).toBe(4413)
    const room = server.registry.room(board)
    await room?.idle()
    expect(room?.doc.getMap('notes').has('huge') ?? false).toBe(false)
    expect(server.logs.some((l) => l.msg === 'update refused: board too large')).toBe(true)
  })
})
