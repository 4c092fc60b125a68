import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { startServer, type RunningServer } from '../../server/app'
import { silentLogger } from '../../server/log'
import { createAppStore } from '../../client/src/state/appStore'
import { useBoardSync, type BoardSyncState } from '../../client/src/sync/useBoardSync'
import { readSessionState } from '../../client/src/session/useSessionState'
import { writeStep, writeTimer } from '../../client/src/session/sessionWrites'
import { startTimer } from '../../shared/session/timer'
import { waitFor } from '../support/waitFor'

let server: RunningServer | null = null
const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-session-sync-'))
const base = () => `http://127.0.0.1:${server?.port}`

const domWebSocket = globalThis.WebSocket
beforeAll(async () => {
  // happy-dom's WebSocket delivers the server's messages but not ours; the providers use Node's `ws` here.
  globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: dataDir, log: silentLogger, unloadDelayMs: 100 })
})
afterAll(async () => {
  globalThis.WebSocket = domWebSocket
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** An HTTP call from Node (happy-dom's fetch applies browser CORS rules to our test server). */
function http(method: string, path: string, token?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base()}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function createBoard(): Promise<{ id: string; tokens: Record<'facilitator' | 'participant' | 'viewer', string> }> {
  const res = await http('POST', '/api/boards')
  expect(res.status).toBe(201)
  return res.body as { id: string; tokens: Record<'facilitator' | 'participant' | 'viewer', string> }
}

/** Mounts the hook alone for one person holding `token`; records its states and access losses. */
function mountSync(boardId: string, name: string, token: string, host = '127.0.0.1') {
  const states: BoardSyncState[] = []
  const lost: number[] = []
  const appStore = createAppStore()
  const Probe = () => {
    states.push(
      useBoardSync({
        boardId,
        user: { id: `id-${name}`, name, color: '#0b7285' },
        serverUrl: `ws://${host}:${server?.port}/ws`,
        appStore,
        token,
        onAccessLost: (code) => lost.push(code),
      }),
    )
    return null
  }
  const container = document.createElement('div')
  document.body.appendChild(container)
  const root: Root = createRoot(container)
  root.render(createElement(Probe))
  return {
    states,
    lost,
    ready: () => {
      const state = states[states.length - 1]
      return state?.status === 'ready' ? state : undefined
    },
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}


describe('the session doc next to the board', () => {
  it("carries the facilitator's step and timer to a participant; the participant's own writes go nowhere", async () => {
    const board = await createBoard()
    const fay = mountSync(board.id, 'fay', board.tokens.facilitator)
    // Another host name for the same server: y-websocket's BroadcastChannel between clients in one
    // window is keyed by URL, so the participant's updates can only reach others through the server.
    const pat = mountSync(board.id, 'pat', board.tokens.participant, 'localhost')
    try {
      const faySync = await waitFor('facilitator ready', fay.ready)
      const patSync = await waitFor('participant ready', pat.ready)
      expect(faySync.loadedFrom).toBe('server')
      await waitFor('session docs synced', () => faySync.sessionProvider.synced && patSync.sessionProvider.synced)
      expect(faySync.sessionProvider.url).toContain(`/ws/${board.id}/session?token=`)

      writeStep(faySync.sessionDoc, 'ideate', 1234)
      writeTimer(faySync.sessionDoc, startTimer(60_000, 5000))
      // Two writes, two messages: wait for both (the timer's may arrive a task after the step's).
      await waitFor('step and timer at the participant', () => {
        const state = readSessionState(patSync.sessionDoc)
        return state.step === 'ideate' && state.timer.state === 'running'
      })
      expect(readSessionState(patSync.sessionDoc)).toMatchObject({ stepSetAt: 1234, timer: { state: 'running', endsAt: 65_000 } })

      // A participant's client writing the session (a tampered one) changes nothing for others.
      writeStep(patSync.sessionDoc, 'test', 9999)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(readSessionState(faySync.sessionDoc).step).toBe('ideate')
      const late = mountSync(board.id, 'lee', board.tokens.viewer)
      try {
        const leeSync = await waitFor('late viewer ready', late.ready)
        await waitFor('late session synced', () => leeSync.sessionProvider.synced)
        await waitFor('late viewer sees the step', () => readSessionState(leeSync.sessionDoc).step === 'ideate')
      } finally {
        late.unmount()
      }
    } finally {
      fay.unmount()
      pat.unmount()
    }
  })

  it('tells the page once when new links make this one stop working', async () => {
    const board = await createBoard()
    const pat = mountSync(board.id, 'pat', board.tokens.participant)
    try {
      await waitFor('participant ready', pat.ready)
      const res = await http('POST', `/api/boards/${board.id}/tokens/rotate`, board.tokens.facilitator)
      expect(res.status).toBe(200)
      await waitFor('access lost', () => pat.lost.length > 0)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(pat.lost).toEqual([4403])
    } finally {
      pat.unmount()
    }
  })
})
