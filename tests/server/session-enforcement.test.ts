import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { createYRecord, getRecordsMap, type PlainRecord } from '../../client/src/sync/recordLayout'
import { docIdFor } from '../../server/persistence/adapter'
import { createTestBoard, type TestBoard } from './support/boards'
import { connectOfficialClient, type OfficialClient } from './support/officialClient'
import { storedDoc } from './support/storedDoc'
import { startTestServer, waitFor } from './support/testServer'
import { lockedFrame } from './support/lockedFrame'

const FRAME = lockedFrame('shape:frame-define', '定義 Define')
const NOTE: PlainRecord = {
  id: 'shape:note-pain',
  typeName: 'shape',
  type: 'note',
  x: 20,
  y: 20,
  parentId: FRAME.id,
  isLocked: false,
  props: { color: 'yellow' },
  meta: {},
}

type Server = Awaited<ReturnType<typeof startTestServer>>

/** A board whose facilitator placed a locked frame and an unlocked note, stored. */
async function boardWithTemplate(): Promise<{ server: Server; board: TestBoard; facilitator: OfficialClient }> {
  const server = await startTestServer()
  const board = await createTestBoard(server.url, { template: 'five-step' })
  const facilitator = connectOfficialClient(server.wsUrl, board.id, board.tokens.facilitator)
  await facilitator.synced
  facilitator.doc.transact(() => {
    getRecordsMap(facilitator.doc).set(FRAME.id, createYRecord(FRAME))
    getRecordsMap(facilitator.doc).set(NOTE.id, createYRecord(NOTE))
  })
  await waitFor(() => getRecordsMap(server.registry.room(board.id)!.doc).size === 2, 'the server to hold the template')
  return { server, board, facilitator }
}

/** Waits until the room has handled everything it received, including frames still in flight. */
async function settled(server: Server, docId: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 100))
  await server.registry.room(docId)!.idle()
}

const recordField = (doc: Y.Doc, id: string, field: string) => getRecordsMap(doc).get(id)?.get(field)

describe('role enforcement in the rooms', () => {
  it("drops a viewer's updates: not stored, not relayed, the viewer stays connected", async () => {
    const { server, board, facilitator } = await boardWithTemplate()
    const viewer = connectOfficialClient(server.wsUrl, board.id, board.tokens.viewer)
    await viewer.synced
    getRecordsMap(viewer.doc).set('shape:graffiti', createYRecord({ ...NOTE, id: 'shape:graffiti' }))
    getRecordsMap(viewer.doc).get(NOTE.id)!.set('x', 999)
    await settled(server, board.id)

    const stored = await storedDoc(server.persistence, board.id)
    expect(getRecordsMap(stored).has('shape:graffiti')).toBe(false)
    expect(recordField(stored, NOTE.id, 'x')).toBe(20)
    expect(getRecordsMap(facilitator.doc).has('shape:graffiti')).toBe(false)
    expect(server.logs.some((l) => l.msg === 'update dropped' && l.fields?.role === 'viewer')).toBe(true)
    // Still connected and still receiving: the viewer sees what others do.
    getRecordsMap(facilitator.doc).get(NOTE.id)!.set('y', 77)
    await waitFor(() => recordField(viewer.doc, NOTE.id, 'y') === 77, 'the viewer to see the facilitator’s edit')
    expect(viewer.provider.wsconnected).toBe(true)
  })

  it('refuses a participant touching the locked frame: socket closed with 4403, storage unchanged', async () => {
    const { server, board, facilitator } = await boardWithTemplate()
    const participant = connectOfficialClient(server.wsUrl, board.id, board.tokens.participant)
    await participant.synced
    const closed = new Promise<number>((resolve) => participant.provider.on('connection-close', (e) => resolve(e?.code ?? -1)))
    const before = await server.persistence.load(board.id)
    // A tampered client: it moves the frame and, in the same transaction, its own note.
    participant.doc.transact(() => {
      getRecordsMap(participant.doc).get(FRAME.id)!.set('x', 500)
      getRecordsMap(participant.doc).get(NOTE.id)!.set('x', 21)
    })
    expect(await closed).toBe(CloseCode.forbidden)
    await settled(server, board.id)
    expect(await server.persistence.load(board.id)).toEqual(before)
    expect(recordField(facilitator.doc, FRAME.id, 'x')).toBe(0)
    expect(recordField(facilitator.doc, NOTE.id, 'x')).toBe(20)
    expect(server.logs.some((l) => l.msg === 'update refused' && l.fields?.role === 'participant')).toBe(true)
  })

  it.each([
    ['delete', (doc: Y.Doc) => getRecordsMap(doc).delete(FRAME.id)],
    ['unlock', (doc: Y.Doc) => (getRecordsMap(doc).get(FRAME.id)!.get('meta') as Y.Map<unknown>).set('templateLocked', false)],
  ])('refuses a participant trying to %s the locked frame', async (_name, change) => {
    const { server, board } = await boardWithTemplate()
    const participant = connectOfficialClient(server.wsUrl, board.id, board.tokens.participant)
    await participant.synced
    const closed = new Promise<number>((resolve) => participant.provider.on('connection-close', (e) => resolve(e?.code ?? -1)))
    change(participant.doc)
    expect(await closed).toBe(CloseCode.forbidden)
    await settled(server, board.id)
    const stored = await storedDoc(server.persistence, board.id)
    expect(getRecordsMap(stored).has(FRAME.id)).toBe(true)
    expect((recordField(stored, FRAME.id, 'meta') as Y.Map<unknown>).get('templateLocked')).toBe(true)
  })

  it('lets a participant edit an unlocked note and add notes, and the facilitator move the locked frame', async () => {
    const { server, board, facilitator } = await boardWithTemplate()
    const participant = connectOfficialClient(server.wsUrl, board.id, board.tokens.participant)
    await participant.synced
    getRecordsMap(participant.doc).get(NOTE.id)!.set('x', 42)
    getRecordsMap(participant.doc).set('shape:idea', createYRecord({ ...NOTE, id: 'shape:idea' }))
    getRecordsMap(facilitator.doc).get(FRAME.id)!.set('x', 10)
    await waitFor(() => recordField(facilitator.doc, NOTE.id, 'x') === 42, 'the facilitator to see the participant’s edit')
    await waitFor(() => recordField(participant.doc, FRAME.id, 'x') === 10, 'the participant to see the frame move')
    await settled(server, board.id)
    const stored = await storedDoc(server.persistence, board.id)
    expect(recordField(stored, NOTE.id, 'x')).toBe(42)
    expect(getRecordsMap(stored).has('shape:idea')).toBe(true)
    expect(recordField(stored, FRAME.id, 'x')).toBe(10)
    expect(participant.provider.wsconnected).toBe(true)
  })

  it('keeps the session doc facilitator-only and apart from the board doc', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url)
    const room = `${board.id}/session`
    const facilitator = connectOfficialClient(server.wsUrl, room, board.tokens.facilitator)
    const participant = connectOfficialClient(server.wsUrl, room, board.tokens.participant)
    await Promise.all([facilitator.synced, participant.synced])
    const sessionId = docIdFor(board.id, 'session')

    participant.doc.getMap('session').set('step', 'test')
    participant.doc.getMap('session').set('vote', { id: 'fake', frameId: null, dotsPerPerson: 99, state: 'open', openedAt: 1 })
    await settled(server, sessionId)
    let stored = await storedDoc(server.persistence, sessionId)
    expect(stored.getMap('session').get('step')).toBeUndefined()
    expect(stored.getMap('session').get('vote')).toBeUndefined()
    expect(facilitator.doc.getMap('session').get('step')).toBeUndefined()

    // The tampering participant's own copy now disagrees with the server (its writes were
    // dropped), so a newcomer shows what everyone else sees.
    const observer = connectOfficialClient(server.wsUrl, room, board.tokens.participant)
    await observer.synced
    expect(observer.doc.getMap('session').get('step')).toBeUndefined()
    facilitator.doc.getMap('session').set('step', 'define')
    await waitFor(() => observer.doc.getMap('session').get('step') === 'define', 'a participant to get the step')
    await settled(server, sessionId)
    stored = await storedDoc(server.persistence, sessionId)
    expect(stored.getMap('session').get('step')).toBe('define')
    // The board document holds none of it.
    expect((await server.persistence.load(board.id)).updates).toEqual([])
    expect(server.registry.room(board.id)).toBeUndefined()
  })
})
