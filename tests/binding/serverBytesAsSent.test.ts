import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { announceServerBytesAsSent, updateCarriedBy } from '../../client/src/sync/serverBytesAsSent'

const MESSAGE_SYNC = 0

interface Announced {
  update: Uint8Array
  origin: unknown
}

/** A board as the server holds it: `notes` records written by another client. */
function serverBoard(notes: number): Y.Doc {
  const board = new Y.Doc()
  board.transact(() => {
    for (let i = 0; i < notes; i++) board.getMap('records').set(`shape:${i}`, { text: `便利貼 ${i}`, x: i })
  })
  return board
}

/** A y-websocket sync message as it comes off the socket. */
function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Hands `message` to the provider the way y-websocket's socket handler does; answers what it replied. */
function receive(provider: WebsocketProvider, message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message)
  const encoder = encoding.createEncoder()
  const type = decoding.readVarUint(decoder)
  provider.messageHandlers[type]!(encoder, decoder, provider, true, type)
  return encoding.toUint8Array(encoder)
}

const opened: Array<{ destroy(): void }> = []

function setUp(): { doc: Y.Doc; provider: WebsocketProvider; announced: Announced[]; stop: () => void } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider('ws://127.0.0.1:9/ws', 'board', doc, { connect: false, disableBc: true })
  const announced: Announced[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => announced.push({ update, origin }))
  const stop = announceServerBytesAsSent(doc, provider)
  opened.push(provider, doc)
  return { doc, provider, announced, stop }
}

afterEach(() => {
  for (const next of opened.splice(0)) next.destroy()
})

describe('updateCarriedBy', () => {
  const update = Y.encodeStateAsUpdate(serverBoard(2))
  it.each([
    ['sync step 2', (e: encoding.Encoder) => syncProtocol.writeSyncStep2(e, serverBoard(2)), true],
    ['update', (e: encoding.Encoder) => syncProtocol.writeUpdate(e, update), true],
    ['sync step 1', (e: encoding.Encoder) => syncProtocol.writeSyncStep1(e, new Y.Doc()), false],
  ])('%s', (_kind, write, carries) => {
    const message = syncMessage(write)
    const decoder = decoding.createDecoder(message)
    decoding.readVarUint(decoder)
    const before = decoder.pos
    const carried = updateCarriedBy(decoder)
    expect(decoder.pos).toBe(before)
    if (!carries) expect(carried).toBeNull()
    else {
      expect(carried).not.toBeNull()
      // The bytes that arrived, not a copy.
      expect(carried!.buffer).toBe(message.buffer)
    }
  })
})

describe("the server's bytes announced as they arrived", () => {
  it('hands every update listener the sync step 2 that arrived, with the provider as origin', () => {
    const { doc, provider, announced } = setUp()
    const message = syncMessage((e) => syncProtocol.writeSyncStep2(e, serverBoard(200)))
    receive(provider, message)
    expect(doc.getMap('records').size).toBe(200)
    expect(announced).toHaveLength(1)
    expect(announced[0]!.origin).toBe(provider)
    // Not encoded again by Yjs: a view into the message itself.
    expect(announced[0]!.update.buffer).toBe(message.buffer)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, announced[0]!.update)
    expect(copy.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
  })

  it('relayed updates too, and announces nothing for what the doc already held', () => {
    const { doc, provider, announced } = setUp()
    const board = serverBoard(3)
    receive(provider, syncMessage((e) => syncProtocol.writeSyncStep2(e, board)))
    // The same board again (a reconnect's answer): Yjs would announce nothing either.
    receive(provider, syncMessage((e) => syncProtocol.writeSyncStep2(e, board)))
    expect(announced).toHaveLength(1)

    const before = Y.encodeStateVector(board)
    board.getMap('records').set('shape:new', { text: '新想法' })
    const update = Y.encodeStateAsUpdate(board, before)
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, update)))
    expect(announced).toHaveLength(2)
    expect(announced[1]!.update).toEqual(update)
    expect(doc.getMap('records').get('shape:new')).toEqual({ text: '新想法' })
  })

  it('lets Yjs encode what completes structs that were waiting, so the listeners miss nothing', () => {
    const { doc, provider, announced } = setUp()
    const board = serverBoard(2)
    const first = Y.encodeStateAsUpdate(board)
    const vector = Y.encodeStateVector(board)
    board.getMap('records').set('shape:later', { text: '之後' })
    const second = Y.encodeStateAsUpdate(board, vector)
    // The second update arrives first: it waits for the first, and nothing changes yet.
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, second)))
    expect(doc.getMap('records').size).toBe(0)
    expect(announced).toHaveLength(0)
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, first)))
    expect(doc.getMap('records').size).toBe(3)
    expect(announced).toHaveLength(1)
    // What the listeners heard rebuilds the whole board (the waiting struct included).
    const copy = new Y.Doc()
    for (const next of announced) Y.applyUpdate(copy, next.update)
    expect(copy.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
  })

  it('answers a sync step 1 as before, and leaves local changes encoded by Yjs', () => {
    const { doc, provider, announced } = setUp()
    doc.getMap('records').set('shape:mine', { text: '我的' })
    expect(announced).toHaveLength(1)
    const reply = receive(provider, syncMessage((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())))
    const server = new Y.Doc()
    const decoder = decoding.createDecoder(reply)
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC)
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), server, 'client')
    expect(server.getMap('records').get('shape:mine')).toEqual({ text: '我的' })

    doc.getMap('records').set('shape:later', { text: '之後' })
    expect(announced).toHaveLength(2)
    expect(announced[1]!.origin).toBeNull()
  })

  it("announces a change the provider's transaction's observers make after it, as Yjs encodes it", () => {
    const { doc, provider, announced } = setUp()
    doc.getMap('records').observe((event) => {
      if (event.transaction.origin === provider) doc.getMap('meta').set('schema', 'v2')
    })
    receive(provider, syncMessage((e) => syncProtocol.writeSyncStep2(e, serverBoard(5))))
    expect(announced.map((next) => next.origin)).toEqual([provider, null])
    const copy = new Y.Doc()
    for (const next of announced) Y.applyUpdate(copy, next.update)
    expect(copy.getMap('meta').get('schema')).toBe('v2')
    expect(copy.getMap('records').size).toBe(5)
  })

  it('stops: the provider handles sync messages as it did, and Yjs encodes them again', () => {
    const { doc, provider, announced, stop } = setUp()
    stop()
    const message = syncMessage((e) => syncProtocol.writeSyncStep2(e, serverBoard(4)))
    receive(provider, message)
    expect(doc.getMap('records').size).toBe(4)
    expect(announced).toHaveLength(1)
    expect(announced[0]!.update.buffer).not.toBe(message.buffer)
  })

  it("gives a first visit's local copy the whole board", async () => {
    const { doc, provider } = setUp()
    const name = `server-bytes-${Math.random()}`
    const persistence = new IndexeddbPersistence(name, doc)
    await persistence.whenSynced
    receive(provider, syncMessage((e) => syncProtocol.writeSyncStep2(e, serverBoard(50))))
    // y-indexeddb stores each update in its own IndexedDB transaction: let it land.
    await new Promise((resolve) => setTimeout(resolve, 50))
    await persistence.destroy()

    const reopened = new Y.Doc()
    const again = new IndexeddbPersistence(name, reopened)
    await again.whenSynced
    expect(reopened.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
    await again.destroy()
    reopened.destroy()
  })
})
