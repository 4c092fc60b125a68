import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { createAppStore, type AppStore } from '../../client/src/state/appStore'
import { useBoardSync, type BoardSyncState } from '../../client/src/sync/useBoardSync'
import { startServer, type RunningServer } from '../../server/app'
import { silentLogger } from '../../server/log'
import type { CreatedBoard } from '../../shared/access/boardApi'

/**
 * A test file's server: our server on a fresh data dir from the file's start to its end,
 * with Node's `ws` in place of happy-dom's WebSocket (which delivers the server's messages
 * but not ours), so the providers talk to it. `stop` and `start` take it down and bring it
 * back on the same port and data, for tests of outages.
 */
export function serveBoardsForTests(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `civic-canvas-${name}-`))
  let server: RunningServer | null = null
  let port = 0
  const start = async () => {
    server = await startServer({ port, host: '127.0.0.1', dataDir, staticDir: dataDir, log: silentLogger, unloadDelayMs: 100 })
    port = server.port
  }
  const domWebSocket = globalThis.WebSocket
  beforeAll(async () => {
    globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket
    await start()
  })
  afterAll(async () => {
    globalThis.WebSocket = domWebSocket
    await server?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return {
    /** The server's port (kept while it is stopped). */
    get port() {
      return port
    },
    /** Its websocket base, `ws://<host>:<port>/ws`. */
    wsUrl: (host = '127.0.0.1') => `ws://${host}:${port}/ws`,
    start,
    async stop() {
      await server?.close()
      server = null
    },
  }
}

/** A POST to the test's server through Node's http (happy-dom's fetch applies CORS to the test's own server); answers the JSON body. */
export function postOutsideTheDom<T>(port: number, path: string, options: { bearer?: string; expectStatus?: number } = {}): Promise<T> {
  const expectStatus = options.expectStatus ?? 200
  const headers: Record<string, string> = options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => (res.statusCode === expectStatus ? resolve(JSON.parse(body) as T) : reject(new Error(`POST ${path}: ${res.statusCode} ${body}`))))
    })
    req.on('error', reject)
    req.end()
  })
}

/** POST /api/boards: a new board and its role tokens. */
export function createBoardOutsideTheDom(port: number): Promise<CreatedBoard> {
  return postOutsideTheDom<CreatedBoard>(port, '/api/boards', { expectStatus: 201 })
}

/** Mounts a component that only runs useBoardSync, and records every state it answers and every access-lost code. */
export function mountSync(boardId: string, name: string, serverUrl: string, token: string) {
  const appStore: AppStore = createAppStore()
  const states: BoardSyncState[] = []
  const lost: number[] = []
  const onAccessLost = (code: number) => void lost.push(code)
  const Probe = () => {
    states.push(useBoardSync({ boardId, user: { id: `id-${name}`, name, color: '#0b7285' }, serverUrl, appStore, token, onAccessLost }))
    return null
  }
  const container = document.createElement('div')
  document.body.appendChild(container)
  const root: Root = createRoot(container)
  root.render(createElement(Probe))
  const latest = () => states[states.length - 1]
  return {
    appStore,
    states,
    lost,
    latest,
    /** The ready state, or undefined while the board loads. */
    ready: () => {
      const state = latest()
      return state?.status === 'ready' ? state : undefined
    },
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}

/** The ready state's store, or undefined while the board loads. */
export function readyStore(mounted: ReturnType<typeof mountSync>) {
  return mounted.ready()?.store
}
