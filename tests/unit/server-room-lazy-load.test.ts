import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createYRecord, getRecordsMap } from '../../client/src/sync/recordLayout'
import { CloseCode } from '../../shared/closeCodes'
import { MemoryPersistence } from '../../server/persistence/memory'
import { DocSource } from '../../server/rooms/docSource'
import { MemoryClient, settle } from '../server/support/memoryClient'
import { roomOn } from '../server/support/roomOn'
import { lockedFrame } from '../server/support/lockedFrame'

const BOARD = 'room-lazy-load-board01'

const frame = lockedFrame('shape:frame-define', '定義 Define')

/** Keeps the bytes held after editors join, so the held-bytes paths can be tested. */
const HELD = { decodeWhenEditorJoins: false }

/**
 * Stores a board as a compacted snapshot (a locked frame and `notes` notes) plus `logged`
 * updates after it, as a server that unloaded it and then crashed mid-session would leave it.
 */
async function storedBoard(persistence: MemoryPersistence, notes: number, logged = 0): Promise<Y.Doc> {
  const source = new Y.Doc()
  const records = getRecordsMap(source)
  source.transact(() => {
    records.set(frame.id, createYRecord(frame))
    for (let i = 0; i < notes; i++) source.getMap('notes').set(`n${i}`, `痛點 ${i}`)
  })
  await persistence.appendUpdate(BOARD, Y.encodeStateAsUpdate(source))
  await persistence.compact(BOARD, Y.encodeStateAsUpdate(source), 1)
  source.on('update', (u: Uint8Array) => void persistence.appendUpdate(BOARD, u))
  for (let i = 0; i < logged; i++) source.getMap('notes').set(`late${i}`, i)
  return source
}


/** Counts decodes of held bytes (calls that found bytes to decode). */
function watchDecodes(): { count: () => number } {
  let decodes = 0
  const decoded = DocSource.prototype.decoded
  vi.spyOn(DocSource.prototype, 'decoded').mockImplementation(function (this: DocSource) {
    if (this.holdsBytes) decodes += 1
    return decoded.call(this)
  })
  return { count: () => decodes }
}

/** Rebuilds what storage holds for the board. */
async function storedContent(persistence: MemoryPersistence): Promise<Record<string, unknown>> {
  const board = await persistence.load(BOARD)
  const doc = new Y.Doc()
  if (board.snapshot) Y.applyUpdate(doc, board.snapshot)
  for (const update of board.updates) Y.applyUpdate(doc, update.data)
  return doc.getMap('notes').toJSON()
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('BoardRoom lazy load', () => {
  it('serves joiners the whole board from the stored bytes without decoding them', async () => {
    const persistence = new MemoryPersistence()
    const source = await storedBoard(persistence, 50, 5)
    const decodes = watchDecodes()
    const room = roomOn(BOARD, persistence, HELD)
    const alice = new MemoryClient().join(room, 'facilitator')
    const viewer = new MemoryClient().join(room, 'viewer')
    await room.idle()
    await settle()

    expect(alice.synced && viewer.synced).toBe(true)
    expect(alice.contentAtSynced).toEqual(source.getMap('notes').toJSON())
    expect(viewer.contentAtSynced).toEqual(source.getMap('notes').toJSON())
    expect(getRecordsMap(alice.doc).has(frame.id)).toBe(true)
    // Both answered the server's step 1 (empty step 2s) and the awareness query path ran: still bytes.
    expect(decodes.count()).toBe(0)
    // A viewer's change is dropped without the doc.
    viewer.notes.set('from-viewer', 1)
    await room.idle()
    expect(decodes.count()).toBe(0)
    // Unloading a board with a log compacts it: that needs the doc once.
    await room.unload()
    expect(decodes.count()).toBe(1)
    const board = await persistence.load(BOARD)
    expect(board.updates).toHaveLength(0)
    expect(await storedContent(persistence)).toEqual(source.getMap('notes').toJSON())
  })

  it('decodes at the first update, then applies, stores and relays it like any other', async () => {
    const persistence = new MemoryPersistence()
    const source = await storedBoard(persistence, 20)
    const decodes = watchDecodes()
    const room = roomOn(BOARD, persistence, HELD)
    const alice = new MemoryClient().join(room)
    const bob = new MemoryClient().join(room)
    await room.idle()
    await settle()
    expect(decodes.count()).toBe(0)

    alice.notes.set('n3', '改過')
    alice.notes.set('new', '新的')
    await room.idle()
    await settle()
    expect(decodes.count()).toBe(1)
    const expected = { ...source.getMap('notes').toJSON(), n3: '改過', new: '新的' }
    expect(bob.notes.toJSON()).toEqual(expected)
    expect(room.doc.getMap('notes').toJSON()).toEqual(expected)
    expect((await persistence.load(BOARD)).updates).toHaveLength(2)
    expect(await storedContent(persistence)).toEqual(expected)
    // A later joiner is answered from the doc now, with the edits.
    const carol = new MemoryClient().join(room)
    await room.idle()
    await settle()
    expect(carol.contentAtSynced).toEqual(expected)
  })

  it("refuses a participant's change to the locked template on a room still holding bytes", async () => {
    const persistence = new MemoryPersistence()
    await storedBoard(persistence, 5)
    const room = roomOn(BOARD, persistence, HELD)
    const facilitator = new MemoryClient().join(room, 'facilitator')
    const participant = new MemoryClient().join(room, 'participant')
    await room.idle()
    await settle()
    const facilitatorFrames = facilitator.received.length

    getRecordsMap(participant.doc).get(frame.id)!.set('x', 500)
    await room.idle()
    await settle()
    expect(participant.closed?.code).toBe(CloseCode.forbidden)
    expect(facilitator.received.length).toBe(facilitatorFrames)
    expect((await persistence.load(BOARD)).updates).toHaveLength(0)
    expect(room.doc.getMap('records').get(frame.id)).toBeInstanceOf(Y.Map)
    expect((getRecordsMap(room.doc).get(frame.id)!).get('x')).toBe(0)
  })

  it('refuses an update past the size limit before decoding', async () => {
    const persistence = new MemoryPersistence()
    await storedBoard(persistence, 200)
    const snapshotBytes = (await persistence.load(BOARD)).snapshot!.byteLength
    const decodes = watchDecodes()
    const room = roomOn(BOARD, persistence, { ...HELD, maxDocumentBytes: snapshotBytes + 64 })
    const alice = new MemoryClient().join(room)
    await room.idle()
    await settle()

    alice.notes.set('big', 'x'.repeat(200))
    await room.idle()
    await settle()
    expect(alice.closed?.code).toBe(CloseCode.documentTooLarge)
    expect(decodes.count()).toBe(0)
    expect((await persistence.load(BOARD)).updates).toHaveLength(0)
  })

  it("applies another instance's update (decoding then) and relays it; a quiet catch-up sweep decodes nothing", async () => {
    const persistence = new MemoryPersistence()
    const source = await storedBoard(persistence, 10)
    const decodes = watchDecodes()
    const room = roomOn(BOARD, persistence, HELD)
    const alice = new MemoryClient().join(room)
    await room.idle()
    await settle()

    room.catchUp(false)
    await room.idle()
    expect(decodes.count()).toBe(0)

    // The other instance stored it as seq 2 (the snapshot covers seq 1).
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(source))
    const updates: Uint8Array[] = []
    remote.on('update', (u: Uint8Array) => updates.push(u))
    remote.getMap('notes').set('remote', '別台')
    const seq = await persistence.appendUpdate(BOARD, updates[0]!)
    room.receiveUpdate(seq, updates[0]!)
    await room.idle()
    await settle()
    expect(decodes.count()).toBe(1)
    expect(alice.notes.get('remote')).toBe('別台')
    expect(room.doc.getMap('notes').get('remote')).toBe('別台')
    // Not stored again: it was stored by the other instance.
    expect((await persistence.load(BOARD)).updates).toHaveLength(1)
  })

  it('decodes right after an editor got the board, so their first change does not wait for it; viewers alone never', async () => {
    const persistence = new MemoryPersistence()
    const source = await storedBoard(persistence, 30)
    const decodes = watchDecodes()
    const viewed = roomOn(BOARD, persistence)
    const viewer = new MemoryClient().join(viewed, 'viewer')
    await viewed.idle()
    await settle()
    expect(viewer.contentAtSynced).toEqual(source.getMap('notes').toJSON())
    expect(decodes.count()).toBe(0)
    await viewed.unload()

    const room = roomOn(BOARD, persistence)
    const participant = new MemoryClient().join(room, 'participant')
    await room.idle()
    await settle()
    // Answered from the bytes first, then decoded in a task of its own.
    expect(participant.contentAtSynced).toEqual(source.getMap('notes').toJSON())
    expect(decodes.count()).toBe(1)
    participant.notes.set('first', '第一張')
    await room.idle()
    expect(decodes.count()).toBe(1)
    expect(room.doc.getMap('notes').get('first')).toBe('第一張')
  })
})
