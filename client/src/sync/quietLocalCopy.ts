import type * as Y from 'yjs'
import { announceInstead } from './updateAnnouncement'

/** What `keepLocalCopyLoadQuiet` needs of the websocket provider: whether anyone would hear a doc update now. */
export interface UpdateCarrier {
  readonly wsconnected: boolean
  readonly bcconnected: boolean
}

/**
 * Keeps the local copy's load from being announced as a doc update while nothing could carry
 * it anywhere. Yjs encodes every transaction into an `update` message whenever something
 * listens for `update` (the websocket provider, IndexedDB itself, the connection tracker), and
 * the local copy arrives as one transaction of the whole board: for 1,000 shapes, encoding
 * that ~1 MB and copying it into a sync message took ~100 ms of the main thread on the way
 * to the first frame (docs/performance.md, "Board open"), only for every listener to drop
 * it: IndexedDB and the tracker ignore their own origin, and the provider sends only over a
 * connected websocket or cross-tab channel. So while neither is connected, the
 * local copy's transactions (origin `localCopy`) are not encoded (updateAnnouncement.ts);
 * what the server lacks then reaches it through the sync steps when the
 * provider connects. Once either is connected the load is announced as usual, and the
 * provider sends it. Answers a function that stops watching.
 */
export function keepLocalCopyLoadQuiet(doc: Y.Doc, localCopy: object, carrier: UpdateCarrier): () => void {
  const onBeforeTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin !== localCopy || carrier.wsconnected || carrier.bcconnected) return
    announceInstead(doc, transaction, null)
  }
  doc.on('beforeTransaction', onBeforeTransaction)
  return () => doc.off('beforeTransaction', onBeforeTransaction)
}
