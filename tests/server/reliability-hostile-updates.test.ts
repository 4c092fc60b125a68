/**
 * Valid but hostile updates. Decision (docs/reliability.md): the server does not validate
 * tldraw records; it bounds sizes (MAX_PAYLOAD_BYTES per frame, MAX_DOCUMENT_BYTES per
 * board) and every client skips records its schema refuses, so the board stays loadable
 * for everyone (Chromium: tests/browser/reliability-hostile.test.ts).
 *
 * Here: a shape with a 50 MB text never reaches storage or anyone else, however often its
 * author's client retries, while the others keep working.
 */
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { createYRecord, getRecordsMap } from '../../client/src/sync/recordLayout'
import { createBoard } from '../reliability-support/boards'
import { startInProcessServer } from '../reliability-support/inProcessServer'
import { connectYClient, sleep, until, within } from '../reliability-support/yClient'

const FIFTY_MB = 50 * 1024 * 1024

describe('a shape with a 50 MB text', () => {
  it('is refused frame by frame (1009), never stored or relayed; the others carry on', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server.url)
    const bob = connectYClient(server.wsUrl, board.id, { params: { token: board.tokens.facilitator } })
    const mallory = connectYClient(server.wsUrl, board.id, { params: { token: board.tokens.participant }, maxBackoffTime: 300 })
    await within(Promise.all([bob.synced, mallory.synced]), 5000, 'both to sync')

    getRecordsMap(mallory.doc).set(
      'shape:huge',
      createYRecord({
        id: 'shape:huge',
        typeName: 'shape',
        type: 'text',
        x: 0,
        y: 0,
        parentId: 'page:page',
        props: { text: 'x'.repeat(FIFTY_MB) },
        meta: {},
      }),
    )
    await until(() => mallory.closeCodes.includes(CloseCode.messageTooLarge), 'the 50 MB frame to be refused with 1009')
    // Bob keeps working, and his edits reach storage, while mallory's client keeps retrying.
    for (let i = 0; i < 5; i++) {
      getRecordsMap(bob.doc).set(`shape:bob-${i}`, createYRecord({ id: `shape:bob-${i}`, typeName: 'shape', props: { text: `想法 ${i}` }, meta: {} }))
      await sleep(200)
    }
    await until(() => (server.registry.room(board.id)?.doc.getMap('records').size ?? 0) >= 5, 'bob’s notes to be stored')
    await server.registry.room(board.id)!.idle()

    expect(bob.closeCodes).toEqual([])
    expect(getRecordsMap(bob.doc).has('shape:huge')).toBe(false)
    const stored = await server.persistence.load(board.id)
    const storedBytes = [stored.snapshot, ...stored.updates.map((u) => u.data)].reduce((sum, part) => sum + (part?.byteLength ?? 0), 0)
    expect(storedBytes).toBeLessThan(64 * 1024)
    expect(server.registry.room(board.id)!.doc.getMap('records').has('shape:huge')).toBe(false)
    mallory.destroy()
    bob.destroy()
  })
})
