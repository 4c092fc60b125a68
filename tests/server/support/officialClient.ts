import { onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** A person on a board through the official, unmodified y-websocket client. */
export interface OfficialClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves at the provider's first `synced` event. */
  synced: Promise<void>
  destroy(): void
}

/**
 * Connects `new WebsocketProvider(wsUrl, room, doc, { params: { token } })` with `ws` as
 * the WebSocket and BroadcastChannel disabled (in one Node process it would sync clients
 * behind the server's back), as the client does: `room` is the board id, or
 * `<id>/session` for the session doc. Destroyed when the test ends.
 */
export function connectOfficialClient(
  wsUrl: string,
  room: string,
  token: string,
  options: { doc?: Y.Doc; onSynced?: (doc: Y.Doc) => void; connect?: boolean } = {},
): OfficialClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    params: { token },
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
  const destroy = () => {
    if (destroyed) return
    destroyed = true
    provider.destroy()
    doc.destroy()
  }
  onTestFinished(destroy)
  return { doc, provider, synced, destroy }
}
