import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { IndexeddbPersistence } from 'y-indexeddb'
import type { UnsentChangesMemory } from '../offline/unsentChanges'
import type { ConnectionSlice, ConnectionStatus } from '../state/connectionSlice'

type ConnectionState = ConnectionSlice['connection']

/** The parts of a websocket provider the tracker watches (the real provider, or a test double). */
export type ProviderLike = Pick<WebsocketProvider, 'on' | 'off' | 'wsconnected' | 'synced'>

/** The parts of the IndexedDB persistence the tracker watches. */
export type PersistenceLike = Pick<IndexeddbPersistence, 'whenSynced' | 'synced'>

export interface ConnectionSources {
  doc: Y.Doc
  provider: ProviderLike
  persistence: PersistenceLike | null
  /** Where the state goes: the app store's `setConnection`. */
  setConnection: (patch: Partial<ConnectionState>) => void
  /** Also told whether the websocket is up, for tldraw's collaboration UI. */
  onOnlineChange?: (online: boolean) => void
  /** The browser's own idea of the network; defaults to `navigator.onLine`. */
  isOnline?: () => boolean
  /** Where `online`/`offline` events come from; defaults to `window`. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null
  /** Keeps the unsent count across reloads (the edits survive in IndexedDB, so must their count). */
  unsent?: UnsentChangesMemory
}

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

/**
 * Keeps the app store's `connection` in step with a board's provider and local copy:
 * status (connecting until the first connection, then connected / reconnecting, offline
 * when the browser is offline or the server was never reached), unsent changes (local doc
 * updates made while not connected and synced; cleared when a sync completes while
 * connected) and whether the board is saved in this browser. Answers a stop function.
 */
export function trackConnection(sources: ConnectionSources): () => void {
  const { doc, provider, persistence, setConnection } = sources
  const isOnline = sources.isOnline ?? browserOnline
  const events = sources.events === undefined ? (typeof window === 'undefined' ? null : window) : sources.events
  let everConnected = provider.wsconnected
  let failedBeforeConnecting = false
  let unsentChanges = sources.unsent?.read() ?? 0
  let lastStatus: ConnectionStatus | null = null
  let lastOnline: boolean | null = null
  let stopped = false

  const currentStatus = (): ConnectionStatus => {
    if (!isOnline()) return 'offline'
    if (provider.wsconnected) return 'connected'
    if (everConnected) return 'reconnecting'
    return failedBeforeConnecting ? 'offline' : 'connecting'
  }

  const publish = () => {
    if (stopped) return
    const status = currentStatus()
    if (status !== lastStatus) {
      lastStatus = status
      setConnection({ status })
    }
    const online = provider.wsconnected
    if (online !== lastOnline) {
      lastOnline = online
      sources.onOnlineChange?.(online)
    }
  }

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') everConnected = true
    publish()
  }
  const onSync = (synced: boolean) => {
    if (synced && provider.wsconnected && unsentChanges !== 0) {
      unsentChanges = 0
      sources.unsent?.write(0)
      setConnection({ unsentChanges })
    }
    publish()
  }
  const onFailure = () => {
    if (!everConnected) failedBeforeConnecting = true
    publish()
  }
  const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (stopped || origin === provider || origin === persistence) return
    if (provider.wsconnected && provider.synced) return
    unsentChanges++
    sources.unsent?.write(unsentChanges)
    setConnection({ unsentChanges })
  }

  setConnection({ status: currentStatus(), unsentChanges, savedLocally: persistence?.synced ?? false })
  provider.on('status', onStatus)
  provider.on('sync', onSync)
  provider.on('connection-close', onFailure)
  provider.on('connection-error', onFailure)
  provider.on('closed', onFailure)
  doc.on('update', onDocUpdate)
  events?.addEventListener('online', publish)
  events?.addEventListener('offline', publish)
  void persistence?.whenSynced.then(() => {
    if (!stopped) setConnection({ savedLocally: true })
  })
  publish()

  return () => {
    stopped = true
    provider.off('status', onStatus)
    provider.off('sync', onSync)
    provider.off('connection-close', onFailure)
    provider.off('connection-error', onFailure)
    provider.off('closed', onFailure)
    doc.off('update', onDocUpdate)
    events?.removeEventListener('online', publish)
    events?.removeEventListener('offline', publish)
  }
}
