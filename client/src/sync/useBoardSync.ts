import { useEffect, useRef, useState } from 'react'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { TLAnyBindingUtilConstructor, TLAnyShapeUtilConstructor, TLCurrentUser, TLStore } from 'tldraw'
import { appStore as pageAppStore, type AppStore } from '../state/appStore'
import { bindStoreToDoc, type StoreDocBinding } from './bindStoreToDoc'
import { createBoardStore } from './boardStore'
import { createBoardUserSession, type BoardUser, type BoardUserSession } from './boardUser'
import { trackConnection } from './connectionTracker'
import { whenBoardLoaded, type LoadedFrom } from './loadGate'
import { bindPresence } from './presence'

export interface UseBoardSyncOptions {
  boardId: string
  user: BoardUser
  /** Websocket base URL; the board's endpoint is `<serverUrl>/<boardId>`. Defaults to this origin's `/ws`. */
  serverUrl?: string
  /** Custom shapes and bindings (module-level constants: a new array reconnects the board). */
  shapeUtils?: readonly TLAnyShapeUtilConstructor[]
  bindingUtils?: readonly TLAnyBindingUtilConstructor[]
  /** tldraw locale code the editor starts with ('en', 'zh-tw'); later changes go through the editor. */
  locale?: string
  /** Where the connection state goes; defaults to the page's app store. */
  appStore?: AppStore
}

export type BoardSyncErrorReason = 'newer-schema' | 'load-failed'

export type BoardSyncState =
  | { status: 'loading' }
  | {
      status: 'ready'
      store: TLStore
      doc: Y.Doc
      provider: WebsocketProvider
      /** For `<Tldraw user>`: the person's tldraw preferences (id, name, colour, locale). */
      user: TLCurrentUser
      session: BoardUserSession
      loadedFrom: LoadedFrom
    }
  | { status: 'error'; reason: BoardSyncErrorReason; message?: string }

/** The websocket base of the server that served this page: ws(s)://<host>/ws. */
export function defaultServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
}

/** The IndexedDB database holding a board's local copy. */
export function localCopyName(boardId: string): string {
  return `civic-canvas:${boardId}`
}

function openLocalCopy(boardId: string, doc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null
  try {
    return new IndexeddbPersistence(localCopyName(boardId), doc)
  } catch (error) {
    console.warn('[civic-canvas] this browser cannot keep a local copy of the board (IndexedDB unavailable)', error)
    return null
  }
}

/**
 * Connects one board: a Y.Doc kept in IndexedDB and synced through our y-websocket server,
 * a collaborative tldraw store bound to it, and presence over awareness. Stays `loading`
 * until the server's first sync (or, offline, until the local copy has loaded), and writes
 * the connection state into the app store. Everything is torn down on unmount or board change.
 */
export function useBoardSync(options: UseBoardSyncOptions): BoardSyncState {
  const { boardId, user, serverUrl, shapeUtils, bindingUtils } = options
  const appStore = options.appStore ?? pageAppStore
  // Tagged with its board, so a board change never renders the previous board's store.
  const [tagged, setTagged] = useState<{ boardId: string; state: BoardSyncState } | null>(null)
  const userRef = useRef(user)
  userRef.current = user
  const localeRef = useRef(options.locale)
  localeRef.current = options.locale
  const sessionRef = useRef<BoardUserSession | null>(null)

  useEffect(() => {
    const setState = (next: BoardSyncState) => setTagged({ boardId, state: next })
    const session = createBoardUserSession(userRef.current, { locale: localeRef.current })
    sessionRef.current = session
    const doc = new Y.Doc()
    const { store, collaborationStatus } = createBoardStore({ currentUser: session.currentUser, shapeUtils, bindingUtils })
    const persistence = openLocalCopy(boardId, doc)
    const provider = new WebsocketProvider(serverUrl ?? defaultServerUrl(), boardId, doc)
    const setConnection = appStore.getState().setConnection
    const stopTracking = trackConnection({
      doc,
      provider,
      persistence,
      setConnection,
      onOnlineChange: (online) => collaborationStatus.set(online ? 'online' : 'offline'),
    })

    let binding: StoreDocBinding | null = null
    let stopPresence: (() => void) | null = null
    let disposed = false
    const stopSyncing = () => {
      stopPresence?.()
      stopPresence = null
      binding?.unbind()
      binding = null
    }

    const cancelLoad = whenBoardLoaded({
      provider,
      persistence,
      onLoaded: (loadedFrom) => {
        if (disposed) return
        const result = bindStoreToDoc(store, doc, {
          onNewerSchema: () => {
            stopSyncing()
            setState({
              status: 'error',
              reason: 'newer-schema',
              message: 'Someone opened this board with a newer version of the app. Reload the page to update.',
            })
          },
        })
        if (!result.ok) {
          setState({ status: 'error', reason: result.reason, message: result.message })
          return
        }
        binding = result.binding
        stopPresence = bindPresence(store, provider.awareness, { user: session.currentUser })
        setState({ status: 'ready', store, doc, provider, user: session.tldrawUser, session, loadedFrom })
      },
    })

    return () => {
      disposed = true
      cancelLoad()
      stopSyncing()
      stopTracking()
      provider.destroy()
      void persistence?.destroy()
      doc.destroy()
      store.dispose()
      if (sessionRef.current === session) sessionRef.current = null
      // A re-run for the same board must not render this (now disposed) store meanwhile.
      setTagged((current) => (current?.state.status === 'ready' && current.state.store === store ? null : current))
    }
  }, [boardId, serverUrl, shapeUtils, bindingUtils, appStore, user.id])

  useEffect(() => {
    sessionRef.current?.update({ id: user.id, name: user.name, color: user.color })
  }, [user.id, user.name, user.color])

  return tagged !== null && tagged.boardId === boardId ? tagged.state : LOADING
}

const LOADING: BoardSyncState = { status: 'loading' }
