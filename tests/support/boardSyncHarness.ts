import { request } from 'node:http'
import { createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { createAppStore, type AppStore } from '../../client/src/state/appStore'
import { useBoardSync, type BoardSyncState } from '../../client/src/sync/useBoardSync'
import type { CreatedBoard } from '../../shared/access/boardApi'

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

/** Mounts a component that only runs useBoardSync, and records every state it answers. */
export function mountSync(
  boardId: string,
  name: string,
  serverUrl: string,
  token: string,
  options: { onAccessLost?: (code: number, reason: string) => void } = {},
) {
  const appStore: AppStore = createAppStore()
  const states: BoardSyncState[] = []
  const Probe = () => {
    states.push(useBoardSync({ boardId, user: { id: `id-${name}`, name, color: '#0b7285' }, serverUrl, appStore, token, onAccessLost: options.onAccessLost }))
    return null
  }
  const container = document.createElement('div')
  document.body.appendChild(container)
  const root: Root = createRoot(container)
  root.render(createElement(Probe))
  return {
    appStore,
    states,
    latest: () => states[states.length - 1],
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}

/** The ready state's store, or undefined while the board loads. */
export function readyStore(mounted: ReturnType<typeof mountSync>) {
  const state = mounted.latest()
  return state?.status === 'ready' ? state.store : undefined
}
