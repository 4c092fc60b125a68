import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { TLAnyBindingUtilConstructor, TLAnyShapeUtilConstructor, TLCurrentUser, TLStore } from 'tldraw'
import { createServerAssetStore } from '../assets/serverAssetStore'
import { rememberUnsentChanges } from '../offline/unsentChanges'
import { appStore as pageAppStore, type AppStore } from '../state/appStore'
import { deviceStorage } from '../user/deviceStorage'
import { bindStoreToDoc, type StoreDocBinding } from './bindStoreToDoc'
import { defaultServerUrl, type BoardConnectionTarget } from './boardConnection'
import { createBoardStore, type BoardStore } from './boardStore'
import { createBoardUserSession, type BoardUser, type BoardUserSession } from './boardUser'
import { trackConnection } from './connectionTracker'
import { connectBoardPage } from './earlyBoardConnection'
import { enableCrossTabSync, whenBoardLoaded, type LoadedFrom } from './loadGate'
import { bindPresence } from './presence'
import { openSessionDoc, type SessionConnection } from './sessionDoc'

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
  /** The board link's signed token; sent as the `token` query parameter of both websockets. */
  token?: string
  /**
   * Viewers: tldraw's collaboration mode is read-only (the server drops their updates anyway).
   * Changing it does not reconnect, so the board can start loading before the role is known.
   */
  readOnly?: boolean
  /** Called once when the server ends a connection for good (close codes 4400–4499, e.g. 4403 rotated link). */
  onAccessLost?: (code: number, reason: string) => void
  /**
   * The board's shapes reach the store only when `loadShapes()` of the ready state is called:
   * the editor mounts on the board's pages and then takes the shapes, which shows a big board
   * sooner (bindStoreToDoc's `initialShapes: 'on-demand'`). Default: with the rest of the board.
   */
  shapesOnDemand?: boolean
}

export type BoardSyncErrorReason = 'newer-schema' | 'load-failed'

export type BoardSyncState =
  | { status: 'loading' }
  | {
      status: 'ready'
      store: TLStore
      doc: Y.Doc
      provider: WebsocketProvider
      /** The board's session doc (room `<boardId>/session`): step, timer, vote, follow; written by facilitators. */
      sessionDoc: Y.Doc
      sessionProvider: WebsocketProvider
      /** For `<Tldraw user>`: the person's tldraw preferences (id, name, colour, locale). */
      user: TLCurrentUser
      session: BoardUserSession
      loadedFrom: LoadedFrom
      /** With `shapesOnDemand`: puts the board's shapes into the store, `select`ed ones or all (call once the editor has mounted). */
      loadShapes: StoreDocBinding['loadShapes']
    }
  | { status: 'error'; reason: BoardSyncErrorReason; message?: string }

/**
 * Connects one board: a Y.Doc kept in IndexedDB and synced through our y-websocket server,
 * a collaborative tldraw store bound to it, and presence over awareness. Stays `loading`
 * until the server's first sync (or, offline, until the local copy has loaded), and writes
 * the connection state into the app store. Everything is torn down on unmount or board change.
 */
export function useBoardSync(options: UseBoardSyncOptions): BoardSyncState {
  const { boardId, user, serverUrl, shapeUtils, bindingUtils, token, readOnly = false, shapesOnDemand = false } = options
  const appStore = options.appStore ?? pageAppStore
  // Tagged with its board, so a board change never renders the previous board's store.
  const [tagged, setTagged] = useState<{ boardId: string; state: BoardSyncState } | null>(null)
  const userRef = useRef(user)
  userRef.current = user
  const localeRef = useRef(options.locale)
  localeRef.current = options.locale
  const sessionRef = useRef<BoardUserSession | null>(null)
  const onAccessLostRef = useRef(options.onAccessLost)
  onAccessLostRef.current = options.onAccessLost
  const readOnlyRef = useRef(readOnly)
  readOnlyRef.current = readOnly
  const modeRef = useRef<BoardStore['collaborationMode'] | null>(null)
  // Set while rendering (an atom ignores an unchanged value), not in an effect: the editor
  // mounting in this same render must never see a viewer's board as editable.
  modeRef.current?.set(readOnly ? 'readonly' : 'readwrite')

  useEffect(() => {
    const setState = (next: BoardSyncState) => setTagged({ boardId, state: next })
    const session = createBoardUserSession(userRef.current, { locale: localeRef.current })
    sessionRef.current = session
    const base = serverUrl ?? defaultServerUrl()
    const target: BoardConnectionTarget = { boardId, serverUrl: base, token }
    // Opened ahead of this page's code when the route could (earlyBoardConnection.ts), else now.
    const { connection, release } = connectBoardPage(target)
    const { doc, persistence, provider } = connection
    const { store, collaborationStatus, collaborationMode } = createBoardStore({
      currentUser: session.currentUser,
      shapeUtils,
      bindingUtils,
      // Images go to our server's asset store; the document keeps only their URLs.
      assets: createServerAssetStore({ boardId, getToken: () => token }),
    })
    collaborationMode.set(readOnlyRef.current ? 'readonly' : 'readwrite')
    modeRef.current = collaborationMode
    // The websocket is the one request the token must ride in (browsers cannot set its headers).
    const params: Record<string, string> = token ? { token } : {}
    const sessionConnection: SessionConnection = openSessionDoc({ serverUrl: base, boardId, params })
    let accessLost = false
    const onClosed = (event: { code: number; reason: string }) => {
      if (accessLost || disposed) return
      accessLost = true
      onAccessLostRef.current?.(event.code, event.reason)
    }
    provider.on('closed', onClosed)
    sessionConnection.provider.on('closed', onClosed)
    const setConnection = appStore.getState().setConnection
    const stopTracking = trackConnection({
      doc,
      provider,
      persistence,
      setConnection,
      onOnlineChange: (online) => collaborationStatus.set(online ? 'online' : 'offline'),
      // Only with a local copy: without one, unsent edits do not survive the reload either.
      ...(persistence ? { unsent: rememberUnsentChanges(deviceStorage, boardId) } : {}),
    })

    let binding: StoreDocBinding | null = null
    let cancelCrossTab: (() => void) | null = null
    let stopPresence: (() => void) | null = null
    let disposed = false
    // A connection opened ahead may have been refused before this listened.
    if (connection.terminalClose) onClosed(connection.terminalClose)
    const stopSyncing = () => {
      stopPresence?.()
      stopPresence = null
      binding?.unbind()
      binding = null
    }

    const cancelLoad = whenBoardLoaded({
      provider,
      persistence,
      // Attempts that failed before this listened (a connection opened ahead).
      serverUnreachable: !provider.wsconnected && provider.wsUnsuccessfulReconnects > 0,
      onLoaded: (loadedFrom) => {
        if (disposed) return
        const result = bindStoreToDoc(store, doc, {
          initialShapes: shapesOnDemand ? 'on-demand' : 'at-once',
          // A burst of messages (everyone dragging at once: a message per person per frame)
          // reaches the store as one merge per frame instead of one each.
          applyRemote: 'next-frame',
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
        setState({
          status: 'ready',
          store,
          doc,
          provider,
          sessionDoc: sessionConnection.doc,
          sessionProvider: sessionConnection.provider,
          user: session.tldrawUser,
          session,
          loadedFrom,
          loadShapes: (select) => binding?.loadShapes(select),
        })
        cancelCrossTab = enableCrossTabSync(provider)
      },
    })

    return () => {
      disposed = true
      cancelLoad()
      cancelCrossTab?.()
      stopSyncing()
      stopTracking()
      provider.off('closed', onClosed)
      sessionConnection.provider.off('closed', onClosed)
      sessionConnection.destroy()
      release()
      connection.destroy()
      store.dispose()
      if (sessionRef.current === session) sessionRef.current = null
      if (modeRef.current === collaborationMode) modeRef.current = null
      // A re-run for the same board must not render this (now disposed) store meanwhile.
      setTagged((current) => (current?.state.status === 'ready' && current.state.store === store ? null : current))
    }
  }, [boardId, serverUrl, shapeUtils, bindingUtils, appStore, user.id, token, shapesOnDemand])

  useEffect(() => {
    sessionRef.current?.update({ id: user.id, name: user.name, color: user.color })
  }, [user.id, user.name, user.color])

  return tagged !== null && tagged.boardId === boardId ? tagged.state : LOADING
}

const LOADING: BoardSyncState = { status: 'loading' }

