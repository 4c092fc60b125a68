import type { WebsocketProvider } from 'y-websocket'
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
  /** The server already failed to answer before this was called (default: only if the browser is offline). */
  serverUnreachable?: boolean
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
  let serverUnreachable = options.serverUnreachable === true || !isOnline()

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
  /**
   * Whether this browser may hold a copy of the board already (it kept one before).
   * When not, nothing is waited for: opening a fresh IndexedDB database can take longer
   * than the server's answer, and there is nothing to leave out of it. Default true.
   */
  localCopyExpected?: boolean
  /** Default {@link LOCAL_COPY_WAIT_MS}. */
  waitMs?: number
}

/**
 * Connects the provider once the local IndexedDB copy is in the doc (at once without one or
 * when none is expected, or after `waitMs` if it never loads). y-websocket's sync step 1
 * carries the doc's state vector: sent before the local copy has loaded it is empty, and the
 * server answers with the whole board; sent after, the server answers only what this browser
 * lacks. Answers a cancel function.
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
  if (persistence === null || persistence.synced || options.localCopyExpected === false) {
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
