import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { PersistenceLike, ProviderLike } from './connectionTracker'

/** Where the board's content came from when the editor may mount. */
export type LoadedFrom = 'server' | 'local'

export interface LoadGateOptions {
  provider: ProviderLike
  /** The board's copy in this browser; without one there is no offline start. */
  persistence: PersistenceLike | null
  /** How long to wait for the server before starting from the local copy (default 3 s). */
  offlineAfterMs?: number
  isOnline?: () => boolean
  onLoaded: (from: LoadedFrom) => void
}

/**
 * Calls `onLoaded` once, when the editor may mount: at the provider's first `sync` (the
 * client then holds the whole board), or, when the server cannot be reached (connection
 * closed or failed, the browser offline, or no sync within `offlineAfterMs`), as soon as the
 * local IndexedDB copy has loaded, so a reload while offline shows the board as it was.
 * Later `sync` events (y-websocket emits one per reconnect) are ignored. Answers a cancel function.
 */
export function whenBoardLoaded(options: LoadGateOptions): () => void {
  const { provider, persistence, onLoaded } = options
  const isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false)
  let done = false
  let localReady = persistence?.synced ?? false
  let serverUnreachable = !isOnline()

  const finish = (from: LoadedFrom) => {
    if (done) return
    done = true
    cancel()
    onLoaded(from)
  }
  const maybeStartOffline = () => {
    if (localReady && serverUnreachable) finish('local')
  }
  const onSync = (synced: boolean) => {
    if (synced) finish('server')
  }
  const onFailure = () => {
    serverUnreachable = true
    maybeStartOffline()
  }
  const timer = setTimeout(onFailure, options.offlineAfterMs ?? 3000)

  function cancel() {
    clearTimeout(timer)
    provider.off('sync', onSync)
    provider.off('connection-close', onFailure)
    provider.off('connection-error', onFailure)
    provider.off('closed', onFailure)
  }

  provider.on('sync', onSync)
  provider.on('connection-close', onFailure)
  provider.on('connection-error', onFailure)
  provider.on('closed', onFailure)
  void persistence?.whenSynced.then(() => {
    localReady = true
    maybeStartOffline()
  })
  if (provider.synced) finish('server')
  else maybeStartOffline()
  return () => {
    done = true
    cancel()
  }
}

/** How long a board waits for its local copy before connecting anyway (a stuck IndexedDB must not hold it back). */
export const LOCAL_COPY_WAIT_MS = 1000

export interface ConnectAfterLocalCopyOptions {
  /** A provider created with `connect: false`. */
  provider: Pick<WebsocketProvider, 'connect'>
  persistence: PersistenceLike | null
  /** Default {@link LOCAL_COPY_WAIT_MS}. */
  waitMs?: number
}

/**
 * Connects the provider once the local IndexedDB copy is in the doc (at once without one, or
 * after `waitMs` if it never loads). y-websocket's sync step 1 carries the doc's state vector:
 * sent before the local copy has loaded it is empty, and the server answers with the whole
 * board; sent after, the server answers only what this browser lacks. Answers a cancel function.
 */
export function connectAfterLocalCopy(options: ConnectAfterLocalCopyOptions): () => void {
  const { provider, persistence } = options
  let pending = true
  const connect = () => {
    if (!pending) return
    pending = false
    clearTimeout(timer)
    provider.connect()
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  if (persistence === null || persistence.synced) {
    connect()
  } else {
    timer = setTimeout(connect, options.waitMs ?? LOCAL_COPY_WAIT_MS)
    // A failed load connects too: the server then sends the whole board, as without a copy.
    persistence.whenSynced.then(connect, connect)
  }
  return () => {
    pending = false
    clearTimeout(timer)
  }
}

/**
 * Turns on the provider's cross-tab sync (created with `disableBc`) when the browser is next
 * idle, i.e. after the board's first frames; later reconnects then include it as usual.
 * Answers a cancel function.
 */
export function enableCrossTabSync(
  provider: Pick<WebsocketProvider, 'disableBc' | 'connectBc'>,
  schedule: IdleScheduler = defaultIdleScheduler,
): () => void {
  const start = () => {
    provider.disableBc = false
    provider.connectBc()
  }
  return schedule(start)
}

/** Runs a function once the browser is idle; answers a cancel function. */
export type IdleScheduler = (run: () => void) => () => void

const defaultIdleScheduler: IdleScheduler = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 2000 })
    return () => cancelIdleCallback(handle)
  }
  const timer = setTimeout(run, 500)
  return () => clearTimeout(timer)
}

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

/** Which board, on which server, with which token: what a {@link BoardConnection} was opened for. */
export interface BoardConnectionKey {
  boardId: string
  /** Websocket base URL; the board's endpoint is `<serverUrl>/<boardId>`. */
  serverUrl: string
  /** The board link's signed token (the websocket's `token` query parameter). */
  token: string | undefined
}

/** A board's Y.Doc with its IndexedDB copy and its websocket, loading. */
export interface BoardConnection extends BoardConnectionKey {
  doc: Y.Doc
  persistence: IndexeddbPersistence | null
  /** Created with `connect: false`; connects once the local copy is in the doc (connectAfterLocalCopy). */
  provider: WebsocketProvider
  /** Stops a connect still waiting for the local copy. */
  cancelConnect(): void
  /** Disconnects and frees everything. */
  destroy(): void
}

/**
 * Opens a board's doc, local copy and websocket: the websocket connects once the local copy
 * has loaded (see connectAfterLocalCopy), and cross-tab sync is left off (see enableCrossTabSync).
 */
export function openBoardConnection(key: BoardConnectionKey): BoardConnection {
  const doc = new Y.Doc()
  const persistence = openLocalCopy(key.boardId, doc)
  // The websocket is the one request the token must ride in (browsers cannot set its headers).
  const params: Record<string, string> = key.token ? { token: key.token } : {}
  // Cross-tab sync (BroadcastChannel) starts once the board is shown: on connect y-websocket
  // encodes and broadcasts the whole doc to other tabs, ~40–130 ms of main thread for 1,000
  // shapes on the way to the first frame (see enableCrossTabSync).
  const provider = new WebsocketProvider(key.serverUrl, key.boardId, doc, { params, connect: false, disableBc: true })
  const cancelConnect = connectAfterLocalCopy({ provider, persistence })
  return {
    ...key,
    doc,
    persistence,
    provider,
    cancelConnect,
    destroy() {
      cancelConnect()
      provider.destroy()
      void persistence?.destroy()
      doc.destroy()
    },
  }
}

/** A connection opened before the board page's code was there, waiting to be taken. */
interface EarlyConnection {
  connection: BoardConnection
  /** The server ended it for good (e.g. a refused token) before the page took it. */
  terminated: boolean
  release(): void
}

let early: EarlyConnection | null = null
/** Set once the board page has asked: an early connection arriving later would only be a duplicate. */
let earlyWindowClosed = false

/**
 * Opens the board's connection from the page's entry, so IndexedDB, the websocket and the
 * first sync run while the board page's code (tldraw) is still downloading and compiling.
 * The board page takes it over ({@link takeEarlyBoardConnection}); unclaimed after
 * `unclaimedMs` (the page never came), it is closed. Answers it (null when none was opened).
 */
export function startEarlyBoardConnection(key: BoardConnectionKey, unclaimedMs = 30_000): BoardConnection | null {
  if (early !== null || earlyWindowClosed) return null
  const connection = openBoardConnection(key)
  const onClosed = () => {
    entry.terminated = true
  }
  const timer = setTimeout(() => {
    if (early !== entry) return
    early = null
    entry.release()
    connection.destroy()
  }, unclaimedMs)
  const entry: EarlyConnection = {
    connection,
    terminated: false,
    release() {
      clearTimeout(timer)
      connection.provider.off('closed', onClosed)
    },
  }
  connection.provider.on('closed', onClosed)
  early = entry
  return connection
}

/**
 * The connection {@link startEarlyBoardConnection} opened, if it is for this board, server
 * and token and still usable; else null (and it is closed). Only the first call can answer one.
 */
export function takeEarlyBoardConnection(key: BoardConnectionKey): BoardConnection | null {
  earlyWindowClosed = true
  const entry = early
  if (entry === null) return null
  early = null
  entry.release()
  const { connection } = entry
  const same = connection.boardId === key.boardId && connection.serverUrl === key.serverUrl && connection.token === key.token
  if (entry.terminated || !same) {
    // A terminal close the page did not see: a fresh connection gets (and reports) it again.
    connection.destroy()
    return null
  }
  return connection
}
