/**
 * Access, checked from the outside with raw clients: refused links never load a document,
 * a viewer's and a participant's forbidden writes never reach storage, board ids are
 * unguessable and validated. (Rotation, locked template records and the session doc with
 * the official client are in access-links.test.ts and session-enforcement.test.ts.)
 */
import { describe, expect, it, onTestFinished } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { signToken } from '../../server/access/tokens'
import { docIdFor } from '../../server/persistence/adapter'
import { MemoryPersistence } from '../../server/persistence/memory'
import { encodeSyncStep1, encodeSyncUpdate } from '../../server/rooms/protocol'
import { boardSocketUrl, createBoard } from '../reliability-support/boards'
import { faultyPersistence } from '../reliability-support/faultyPersistence'
import { startInProcessServer } from '../reliability-support/inProcessServer'
import { connectYClient, sleep, until, within } from '../reliability-support/yClient'
import { rawRequest } from './support/rawHttp'

const SECRET = 'reliability-suite-secret-0123456789abcdef'

async function serverWithWatchedStorage() {
  const storage = faultyPersistence(new MemoryPersistence())
  const server = await startInProcessServer({ persistence: storage.adapter, tokenSecret: SECRET })
  return { server, storage }
}

/** A raw websocket; resolves once open, with every frame it receives and its close. */
async function rawSocket(url: string) {
  const ws = new WebSocket(url)
  onTestFinished(() => ws.terminate())
  const received: Buffer[] = []
  ws.on('message', (data: Buffer) => received.push(data))
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, received, closed }
}

/** A Yjs update that adds one note, as a hostile client would hand-craft it. */
function noteUpdate(key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('records').set(key, 'written by someone who may not write')
  doc.getMap('session').set('step', 'test')
  return Y.encodeStateAsUpdate(doc)
}

/** Sync step 2 (the answer form a client may send too) of `update`. */
function syncStep2(update: Uint8Array): Uint8Array {
  const frame = encodeSyncUpdate(update)
  const copy = frame.slice()
  copy[1] = 1 // sync step 2 instead of 2 (update): same payload
  return copy
}

describe('refused links load nothing', () => {
  it('answers missing, tampered, foreign and expired tokens with 401/403 before any document is loaded', async () => {
    const { server, storage } = await serverWithWatchedStorage()
    const board = await createBoard(server.url)
    const other = await createBoard(server.url)
    const [version, body, mac] = board.tokens.viewer.split('.') as [string, string, string]
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), r: 'facilitator' })).toString('base64url')
    const past = Math.floor(Date.now() / 1000) - 60
    const cases: Array<[string, string | null, number]> = [
      ['missing', null, 401],
      ['empty', '', 401],
      ['role changed in the payload', `${version}.${promoted}.${mac}`, 401],
      ['signature cut short', `${version}.${body}.${mac.slice(0, -2)}`, 401],
      ['signed with another secret', signToken('another-secret-0123456789abcdef0123', { b: board.id, r: 'facilitator', g: 1 }), 401],
      ['for another board', other.tokens.facilitator, 403],
      ['expired', signToken(SECRET, { b: board.id, r: 'facilitator', g: 1, exp: past }), 403],
      ['of a generation the board never issued', signToken(SECRET, { b: board.id, r: 'participant', g: 2 }), 403],
    ]
    for (const [name, token, status] of cases) {
      for (const suffix of ['', '/session']) {
        const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
        const answer = await rawRequest(server.port, `/ws/${board.id}${suffix}${query}`, { upgrade: true, timeoutMs: 500 })
        expect(answer.status, `${name}${suffix}`).toBe(status)
      }
    }
    expect(storage.loads).toEqual([])
    expect(server.registry.size).toBe(0)
    // The same board opens with its real link, which loads it (so the check above could fail).
    const ok = await rawRequest(server.port, `/ws/${board.id}?token=${encodeURIComponent(board.tokens.viewer)}`, { upgrade: true, timeoutMs: 300 })
    expect(ok.status).toBe(101)
    await until(() => storage.loads.includes(board.id), 'the genuine link to load the board')
  })
})

describe('forbidden writes from raw clients never reach storage', () => {
  it("drops a viewer's hand-made updates on the board and its session; the viewer stays connected", async () => {
    const { server, storage } = await serverWithWatchedStorage()
    const board = await createBoard(server.url)
    const facilitator = connectYClient(server.wsUrl, board.id, { params: { token: board.tokens.facilitator } })
    await within(facilitator.synced, 5000, 'the facilitator to sync')
    facilitator.doc.getMap('records').set('shape:persona', 'stored by the facilitator')
    await until(() => server.registry.room(board.id)?.doc.getMap('records').size === 1, 'the note to be stored')
    await server.registry.room(board.id)!.idle()
    const before = {
      board: await storage.adapter.load(board.id),
      session: await storage.adapter.load(docIdFor(board.id, 'session')),
    }

    for (const kind of ['board', 'session'] as const) {
      const viewer = await rawSocket(boardSocketUrl(server.wsUrl, board.id, board.tokens.viewer, kind))
      viewer.ws.send(encodeSyncStep1(new Uint8Array([0])))
      viewer.ws.send(encodeSyncUpdate(noteUpdate(`shape:graffiti-${kind}`)))
      viewer.ws.send(syncStep2(noteUpdate(`shape:graffiti2-${kind}`)))
      await sleep(150)
      await server.registry.room(docIdFor(board.id, kind))?.idle()
      expect(viewer.ws.readyState, `viewer on ${kind} still connected`).toBe(WebSocket.OPEN)
      expect(viewer.received.length, `viewer on ${kind} was answered`).toBeGreaterThan(0)
    }
    expect(await storage.adapter.load(board.id)).toEqual(before.board)
    expect(await storage.adapter.load(docIdFor(board.id, 'session'))).toEqual(before.session)
    expect(facilitator.doc.getMap('records').toJSON()).toEqual({ 'shape:persona': 'stored by the facilitator' })
  })

  it("drops a participant's session updates but stores the facilitator's", async () => {
    const { server, storage } = await serverWithWatchedStorage()
    const board = await createBoard(server.url)
    const sessionId = docIdFor(board.id, 'session')
    const participant = await rawSocket(boardSocketUrl(server.wsUrl, board.id, board.tokens.participant, 'session'))
    participant.ws.send(encodeSyncUpdate(noteUpdate('shape:x')))
    await sleep(150)
    await server.registry.room(sessionId)?.idle()
    const afterParticipant = await storage.adapter.load(sessionId)
    expect(afterParticipant.updates).toEqual([])
    expect(afterParticipant.snapshot).toBeNull()

    const facilitator = await rawSocket(boardSocketUrl(server.wsUrl, board.id, board.tokens.facilitator, 'session'))
    facilitator.ws.send(encodeSyncUpdate(noteUpdate('shape:y')))
    await until(() => (server.registry.room(sessionId)?.doc.getMap('session').get('step') ?? null) === 'test', 'the facilitator’s step to apply')
    await server.registry.room(sessionId)!.idle()
    expect((await storage.adapter.load(sessionId)).updates.length).toBe(1)
  })
})

describe('board ids', () => {
  it('are 128 random bits, never repeat, and are validated on every route', async () => {
    const { server } = await serverWithWatchedStorage()
    const ids = new Set<string>()
    for (let i = 0; i < 200; i++) ids.add((await createBoard(server.url)).id)
    expect(ids.size).toBe(200)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(Buffer.from(id, 'base64url').length).toBe(16)
    }
    // Every bit position varies across 200 ids: no fixed or counter-like part.
    const bits = [...ids].map((id) => Buffer.from(id, 'base64url'))
    for (let bit = 0; bit < 128; bit++) {
      const ones = bits.filter((b) => (b[bit >> 3]! >> (7 - (bit & 7))) & 1).length
      expect(ones, `bit ${bit}`).toBeGreaterThan(0)
      expect(ones, `bit ${bit}`).toBeLessThan(200)
    }
    for (const path of ['/api/boards/..', '/api/boards/..%2F..%2Fetc', '/api/boards/abcdefghijklmnop%00qrs', '/api/boards/abc/def', '/api/boards/%E7%97%9B%E9%BB%9E%E7%97%9B%E9%BB%9E%E7%97%9B%E9%BB%9E']) {
      const answer = await rawRequest(server.port, path)
      expect([400, 404], path).toContain(answer.status)
      expect(answer.body, path).not.toMatch(/<html|stack|at \//i)
    }
  })
})
