import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

// Each WebsocketProvider adds a process 'exit' listener under Node; load tests hold hundreds.
if (process.getMaxListeners() < 1000) process.setMaxListeners(1000)

/** A person on a board through the official, unmodified y-websocket client. */
export interface YClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves at the first `sync` event (the server's sync step 2 arrived). */
  synced: Promise<void>
  /** Every update the server sent this client (sync step 2 and relayed updates), in arrival order. */
  received: Uint8Array[]
  /** Close codes of the connections this client lost, in order. */
  closeCodes: number[]
  /** Disconnects and frees the doc; idempotent. */
  destroy(): void
}

/** Options of connectYClient. */
export interface YClientOptions {
  /** Called synchronously inside the first `sync` event, before any later message is handled. */
  onSynced?: (doc: Y.Doc) => void
  /** Websocket query parameters (e.g. `{ token }`). */
  params?: Record<string, string>
  /** Upper bound of the reconnect backoff (y-websocket default 2,500 ms). */
  maxBackoffTime?: number
}

/**
 * `new WebsocketProvider(wsUrl, room, doc)` with `ws` as the WebSocket and BroadcastChannel
 * disabled: in one process it would sync clients behind the server's back and hide a loss.
 */
export function connectYClient(wsUrl: string, room: string, options: YClientOptions = {}): YClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.params ?? {},
    maxBackoffTime: options.maxBackoffTime ?? 2500,
  })
  const received: Uint8Array[] = []
  const closeCodes: number[] = []
  // y-websocket applies what the server sent with the provider as origin.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update)
  })
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code)
  })
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      options.onSynced?.(doc)
      resolve()
    }
    provider.on('sync', onSync)
  })
  let destroyed = false
  return {
    doc,
    provider,
    synced,
    received,
    closeCodes,
    destroy() {
      if (destroyed) return
      destroyed = true
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Rejects with `what` when `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
