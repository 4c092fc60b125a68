import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { connectOfficialClient } from './support/officialClient'
import { createTestBoard } from './support/boards'
import { startTestServer, waitFor } from './support/testServer'

describe('two official y-websocket clients on one board', () => {
  it('converge on concurrent edits of maps and text', async () => {
    const server = await startTestServer()
    const { id: board, tokens } = await createTestBoard(server.url)
    const alice = connectOfficialClient(server.wsUrl, board, tokens.participant)
    const bob = connectOfficialClient(server.wsUrl, board, tokens.facilitator)
    await Promise.all([alice.synced, bob.synced])

    for (let i = 0; i < 20; i++) {
      alice.doc.getMap('notes').set(`alice-${i}`, { text: `想法 ${i}` })
      bob.doc.getMap('notes').set(`bob-${i}`, { text: `idea ${i}` })
    }
    alice.doc.getText('title').insert(0, '資料申請小幫手')
    bob.doc.getText('title').insert(0, 'Data Request Helper ')
    alice.doc.getMap('notes').set('shared', 'alice wins?')
    bob.doc.getMap('notes').set('shared', 'bob wins?')

    const same = () =>
      isDeepStrictEqual(alice.doc.getMap('notes').toJSON(), bob.doc.getMap('notes').toJSON()) &&
      alice.doc.getText('title').toString() === bob.doc.getText('title').toString() &&
      alice.doc.getMap('notes').size === 41
    await waitFor(same, 'both docs to hold 41 notes and the same content')
    expect(alice.doc.getText('title').toString()).toBe(bob.doc.getText('title').toString())
    expect(alice.doc.getText('title').toString()).toContain('資料申請小幫手')
    expect(alice.doc.getText('title').toString()).toContain('Data Request Helper')
    // The server's copy, which it stored, is the same document.
    const room = server.registry.room(board)!
    await room.idle()
    expect(room.doc.getMap('notes').toJSON()).toEqual(alice.doc.getMap('notes').toJSON())
  })

  it('keeps boards apart', async () => {
    const server = await startTestServer()
    const [boardA, boardB] = [await createTestBoard(server.url), await createTestBoard(server.url)]
    const a = connectOfficialClient(server.wsUrl, boardA.id, boardA.tokens.participant)
    const b = connectOfficialClient(server.wsUrl, boardB.id, boardB.tokens.participant)
    await Promise.all([a.synced, b.synced])
    a.doc.getMap('notes').set('only-here', true)
    const aPeer = connectOfficialClient(server.wsUrl, boardA.id, boardA.tokens.viewer)
    await aPeer.synced
    expect(aPeer.doc.getMap('notes').get('only-here')).toBe(true)
    expect(b.doc.getMap('notes').size).toBe(0)
  })
})
