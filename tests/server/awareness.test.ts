import { describe, expect, it, onTestFinished } from 'vitest'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { encodeQueryAwareness, MessageType } from '../../server/rooms/protocol'
import { connectOfficialClient } from './support/officialClient'
import { createTestBoard, docUrl } from './support/boards'
import { startTestServer, waitFor } from './support/testServer'

describe('awareness', () => {
  it('reaches the others and is removed when a client vanishes without saying goodbye', async () => {
    const server = await startTestServer()
    const { id: board, tokens } = await createTestBoard(server.url)
    const alice = connectOfficialClient(server.wsUrl, board, tokens.participant)
    const bob = connectOfficialClient(server.wsUrl, board, tokens.viewer)
    await Promise.all([alice.synced, bob.synced])
    alice.provider.awareness.setLocalStateField('user', { name: '林雅婷', color: '#e03131' })
    const aliceId = alice.doc.clientID
    await waitFor(() => bob.provider.awareness.getStates().get(aliceId)?.user?.name === '林雅婷', 'bob to see alice')

    // A newcomer gets the present states right after connecting.
    const carol = connectOfficialClient(server.wsUrl, board, tokens.facilitator)
    await carol.synced
    await waitFor(() => carol.provider.awareness.getStates().has(aliceId), 'carol to see alice')

    // Cut alice's TCP connection: no null state is sent, the server must remove hers.
    alice.provider.shouldConnect = false
    ;(alice.provider.ws as unknown as WebSocket).terminate()
    await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), 'bob to see alice removed')
    await waitFor(() => !carol.provider.awareness.getStates().has(aliceId), 'carol to see alice removed')
    expect(server.registry.room(board)!.awareness.getStates().has(aliceId)).toBe(false)
  })

  it('answers query-awareness with every present state', async () => {
    const server = await startTestServer()
    const { id: board, tokens } = await createTestBoard(server.url)
    const alice = connectOfficialClient(server.wsUrl, board, tokens.viewer)
    await alice.synced
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await waitFor(() => server.registry.room(board)?.awareness.getStates().has(alice.doc.clientID) === true, 'the server to hold alice')

    const ws = new WebSocket(docUrl(server.wsUrl, board, tokens.viewer))
    onTestFinished(() => ws.terminate())
    const seen = new awarenessProtocol.Awareness(new Y.Doc())
    onTestFinished(() => seen.destroy())
    let answered = false
    ws.on('message', (data: Buffer) => {
      if (!answered) return // ignore the greeting: only the answer to our query counts
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) === MessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), 'server')
      }
    })
    await new Promise((resolve) => ws.once('open', resolve))
    await new Promise((resolve) => setTimeout(resolve, 100))
    answered = true
    ws.send(encodeQueryAwareness())
    await waitFor(() => seen.getStates().get(alice.doc.clientID)?.user?.name === 'Alice', 'the awareness answer')
  })
})
