import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { deviceStorage } from '../user/deviceStorage'
import type { KeyValueStorage } from '../user/storage'
import { shareWholeBoardWithListeningTabsOnly } from './crossTabState'
import { connectAfterLocalCopy } from './loadGate'
import { keepLocalCopyLoadQuiet } from './quietLocalCopy'
import { announceServerBytesAsSent } from './serverBytesAsSent'

/** The websocket base of the server that served this page: ws(s)://<host>/ws. */
export function defaultServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
}

/** The IndexedDB database holding a board's local copy. */
export function localCopyName(boardId: string): string {
  return `civic-canvas:${boardId}`
}

/**
 * The device-storage key saying this browser keeps a copy of the board: set once its local
 * copy has loaded, so a later visit knows there is something to read before connecting.
 */
export function localCopyKey(boardId: string): string {
  return `civic-canvas:local-copy:${boardId}`
}

/** Which board, on which server, with which link token: what a connection is opened for. */
export interface BoardConnectionTarget {
  boardId: string
  /** Websocket base URL; the board's endpoint is `<serverUrl>/<boardId>`. */
  serverUrl: string
  /** The board link's signed token, sent as the `token` query parameter. */
  token: string | undefined
}

/**
 * A board's document on its way in: the Y.Doc, its local copy in IndexedDB (null where the
 * browser has none) and the websocket provider (see openBoardConnection for when it
 * connects). Knows nothing of tldraw, so it can be opened before the board page's code has loaded.
 */
export interface BoardConnection {
  readonly target: BoardConnectionTarget
  readonly doc: Y.Doc
  readonly persistence: IndexeddbPersistence | null
  readonly provider: WebsocketProvider
  /**
   * How the server ended the connection for good (close codes 4400–4499, e.g. 4403 for a
   * replaced link), if it has: a connection opened ahead of the page may have been refused
   * before anyone listened for the provider's `closed` event.
   */
  readonly terminalClose: { code: number; reason: string } | null
  /** Disconnects, closes the local copy and frees the doc. */
  destroy(): void
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

/** Whether two targets name the same board, server and token. */
export function sameTarget(a: BoardConnectionTarget, b: BoardConnectionTarget): boolean {
  return a.boardId === b.boardId && a.serverUrl === b.serverUrl && (a.token ?? '') === (b.token ?? '')
}

/**
 * Opens a board's connection: starts reading the local copy and connects after it, or at once
 * when this browser has never kept a copy of the board (see connectAfterLocalCopy).
 */
export function openBoardConnection(target: BoardConnectionTarget, storage: KeyValueStorage = deviceStorage): BoardConnection {
  const doc = new Y.Doc()
  const persistence = openLocalCopy(target.boardId, doc)
  // The websocket is the one request the token must ride in (browsers cannot set its headers).
  const params: Record<string, string> = target.token ? { token: target.token } : {}
  // Cross-tab sync (BroadcastChannel) starts once the board is shown: on connect y-websocket
  // encodes and broadcasts the whole doc to other tabs, ~40–130 ms of main thread for 1,000
  // shapes on the way to the first frame (see enableCrossTabSync).
  const provider = new WebsocketProvider(target.serverUrl, target.boardId, doc, { params, connect: false, disableBc: true })
  // Once on, it encodes the whole board only when another tab of it answers (crossTabState.ts).
  shareWholeBoardWithListeningTabsOnly(provider)
  // Loading the local copy is not encoded again as a doc update for listeners that would all
  // drop it (quietLocalCopy.ts); it stops once the copy has loaded.
  const stopQuietLoad = persistence ? keepLocalCopyLoadQuiet(doc, persistence, provider) : () => {}
  // What the server sends reaches IndexedDB as the bytes that arrived, not encoded again
  // (serverBytesAsSent.ts): on a first visit, the whole board.
  const stopServerBytes = announceServerBytesAsSent(doc, provider)
  // A returning browser connects once its local copy is in the doc, so it downloads only what
  // changed since its last visit; a browser that never kept a copy has nothing to wait for.
  const copyKey = localCopyKey(target.boardId)
  const localCopyExpected = storage.getItem(copyKey) !== null
  const cancelConnect = connectAfterLocalCopy({ provider, persistence, localCopyExpected })
  void persistence?.whenSynced.then(() => {
    stopQuietLoad()
    if (!localCopyExpected) storage.setItem(copyKey, '1')
  })
  let terminalClose: BoardConnection['terminalClose'] = null
  provider.on('closed', (event: { code: number; reason: string }) => {
    terminalClose ??= { code: event.code, reason: event.reason }
  })
  return {
    target,
    doc,
    persistence,
    provider,
    get terminalClose() {
      return terminalClose
    },
    destroy() {
      stopQuietLoad()
      stopServerBytes()
      cancelConnect()
      provider.destroy()
      void persistence?.destroy()
      doc.destroy()
    },
  }
}
