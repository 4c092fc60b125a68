import { useEffect, useState } from 'react'
import type { Role } from '../../../shared/access/roles'
import { appStore, type AppStore } from '../state/appStore'
import type { BoardAccess } from '../state/accessSlice'
import { deviceStorage } from '../user/deviceStorage'
import type { KeyValueStorage } from '../user/storage'
import { findRecentBoard, rememberBoard } from '../user/recentBoards'
import { fetchBoardInfo, tokenFromHash, type AccessFailure } from './boardAccess'

export type BoardAccessState =
  /** The server has not answered yet; `token` is the one being checked (the board may start syncing with it). */
  | { status: 'checking'; token: string }
  | { status: 'ready'; access: BoardAccess }
  | { status: 'denied'; failure: AccessFailure }

/**
 * Which token opens the board and what role it gives: the link's `#t=` fragment, else the
 * token this device kept for the board. The server says the role (`GET /api/boards/<id>`);
 * offline, the role remembered from last time is used (viewer if none, which changes nothing).
 * Re-checks when the fragment changes (a new link pasted into the address bar).
 */
export function resolveBoardToken(hash: string, boardId: string, storage: KeyValueStorage): string | null {
  return tokenFromHash(hash) ?? findRecentBoard(storage, boardId)?.token ?? null
}

function initialState(token: string | null): BoardAccessState {
  return token ? { status: 'checking', token } : { status: 'denied', failure: { reason: 'no-access' } }
}

/** React hook: resolves the open board's access and publishes it in the app store. */
export function useBoardAccess(
  boardId: string,
  options: { storage?: KeyValueStorage; store?: AppStore; fetchFn?: typeof fetch } = {},
): BoardAccessState {
  const storage = options.storage ?? deviceStorage
  const store = options.store ?? appStore
  const fetchFn = options.fetchFn
  const [hash, setHash] = useState(() => (typeof location === 'undefined' ? '' : location.hash))
  // Resolved at once, so the board can start loading with the token while the server checks it.
  const [state, setState] = useState<BoardAccessState>(() => initialState(resolveBoardToken(hash, boardId, storage)))

  useEffect(() => {
    const onHash = () => setHash(location.hash)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  useEffect(() => {
    let cancelled = false
    const token = resolveBoardToken(hash, boardId, storage)
    if (!token) {
      setState({ status: 'denied', failure: { reason: 'no-access' } })
      return
    }
    setState((current) => (current.status === 'checking' && current.token === token ? current : { status: 'checking', token }))
    void fetchBoardInfo(boardId, token, fetchFn).then((result) => {
      if (cancelled) return
      let access: BoardAccess
      if (result.ok) {
        access = { boardId, token, role: result.info.role, name: result.info.name, template: result.info.template }
        rememberBoard(storage, {
          id: boardId,
          lastOpenedAt: Date.now(),
          token,
          role: result.info.role,
          ...(result.info.name ? { title: result.info.name } : {}),
        })
      } else if (result.failure.reason === 'network' || result.failure.reason === 'server') {
        const stored = findRecentBoard(storage, boardId)
        const role: Role = stored?.token === token && stored.role ? stored.role : 'viewer'
        // Offline nothing is seeded: the server's template is unknown and the board may not be empty there.
        access = { boardId, token, role, name: stored?.title ?? '', template: 'blank' }
      } else {
        setState({ status: 'denied', failure: result.failure })
        store.getState().setAccess(null)
        return
      }
      store.getState().setAccess(access)
      setState({ status: 'ready', access })
    })
    return () => {
      cancelled = true
    }
  }, [boardId, hash, storage, store, fetchFn])

  useEffect(() => () => store.getState().setAccess(null), [store, boardId])

  return state
}
