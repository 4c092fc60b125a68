import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { announceInstead, changedAnything } from './updateAnnouncement'

/** y-websocket's message type for sync messages (its `messageSync`). */
const MESSAGE_SYNC = 0

/** A y-websocket message handler: `(encoder, decoder, provider, emitSynced, messageType)`. */
type MessageHandler = WebsocketProvider['messageHandlers'][number]

/** What `announceServerBytesAsSent` needs of the websocket provider. */
export type SyncMessageSource = Pick<WebsocketProvider, 'messageHandlers'>

/** The update a sync message carries (sync step 2 or update), read without moving `decoder`; null for sync step 1. */
export function updateCarriedBy(decoder: decoding.Decoder): Uint8Array | null {
  const peek = decoding.clone(decoder)
  const type = decoding.readVarUint(peek)
  if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return null
  return decoding.readVarUint8Array(peek)
}

/**
 * Announces what the server sends as the bytes it sent. Yjs encodes every applied
 * transaction again for the doc's `update` listeners, and the server's answer to a first
 * visit is the whole board: ~60–90 ms of the main thread for 1,000 shapes, on the way to
 * the first frame (docs/performance.md, "Board open"), to hand IndexedDB an update equal to
 * the one that just arrived (the provider and the connection tracker drop their own
 * origin's). So while the provider handles a sync step 2 or an update, its transaction is
 * not encoded (updateAnnouncement.ts) and every `update` listener gets the received update
 * instead, with the provider as origin, if the transaction changed anything. The bytes hold
 * at least what the transaction changed (applying them again is a no-op), so the local copy
 * stores the same board; while the doc holds structs waiting for a missing dependency, which
 * an update may complete, Yjs encodes as before. Answers a function that stops it.
 */
export function announceServerBytesAsSent(doc: Y.Doc, provider: SyncMessageSource): () => void {
  const handlers = provider.messageHandlers
  const handleSync = handlers[MESSAGE_SYNC]
  if (handleSync === undefined) return () => {}
  /** The update of the sync message being handled, until its transaction claims it. */
  let arriving: Uint8Array | null = null

  const onBeforeTransaction = (transaction: Y.Transaction) => {
    if (arriving === null || transaction.origin !== provider) return
    const update = arriving
    arriving = null
    announceInstead(doc, transaction, (listeners) => {
      if (!changedAnything(transaction)) return
      for (const listener of listeners) listener(update, transaction.origin, doc, transaction)
    })
  }
  const handleSyncAsSent: MessageHandler = (encoder, decoder, source, emitSynced, messageType) => {
    // Structs still waiting for what they depend on would join this transaction without
    // being in its bytes: then Yjs encodes it, as usual.
    const { pendingStructs, pendingDs } = doc.store
    arriving = pendingStructs === null && pendingDs === null ? updateCarriedBy(decoder) : null
    try {
      handleSync(encoder, decoder, source, emitSynced, messageType)
    } finally {
      arriving = null
    }
  }
  handlers[MESSAGE_SYNC] = handleSyncAsSent
  doc.on('beforeTransaction', onBeforeTransaction)
  return () => {
    doc.off('beforeTransaction', onBeforeTransaction)
    if (handlers[MESSAGE_SYNC] === handleSyncAsSent) handlers[MESSAGE_SYNC] = handleSync
  }
}
