import type * as Y from 'yjs'

/** What `keepLocalCopyLoadQuiet` needs of the websocket provider: whether anyone would hear a doc update now. */
export interface UpdateCarrier {
  readonly wsconnected: boolean
  readonly bcconnected: boolean
}

type UpdateListener = (...args: unknown[]) => void

/**
 * Keeps the local copy's load from being announced as a doc update while nothing could carry
 * it anywhere. Yjs encodes every transaction into an `update` message whenever something
 * listens for `update` (the websocket provider, IndexedDB itself, the connection tracker), and
 * the local copy arrives as one transaction of the whole board: for 1,000 shapes, encoding
 * that ~1 MB and copying it into a sync message took ~100 ms of the main thread on the way
 * to the first frame (docs/performance.md, "Board open"), only for every listener to drop
 * it: IndexedDB and the tracker ignore their own origin, and the provider sends only over a
 * connected websocket or cross-tab channel. So while neither is connected, the `update`
 * listeners are set aside for the local copy's transactions (origin `localCopy`) and put
 * back right after; what the server lacks then reaches it through the sync steps when the
 * provider connects. Once either is connected the load is announced as usual, and the
 * provider sends it. Answers a function that stops watching.
 */
export function keepLocalCopyLoadQuiet(doc: Y.Doc, localCopy: object, carrier: UpdateCarrier): () => void {
  // lib0's listener map, the one Yjs itself reads to decide whether to encode (yjs 13.6's
  // cleanupTransactions: `doc._observers.has('update')`); tests/binding/quietLocalCopy.test.ts
  // fails if that ever changes.
  const observers = doc._observers as Map<string, Set<UpdateListener>>
  let setAside: Set<UpdateListener> | null = null

  const onBeforeTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin !== localCopy || setAside !== null || carrier.wsconnected || carrier.bcconnected) return
    const listeners = observers.get('update')
    if (listeners === undefined) return
    setAside = listeners
    observers.delete('update')
  }
  // Yjs emits `update` after `afterTransactionCleanup` and before `afterAllTransactions`.
  const onAfterAllTransactions = () => {
    if (setAside === null) return
    // Listeners added meanwhile (by the transaction's own observers) stay too.
    const addedMeanwhile = observers.get('update')
    for (const listener of addedMeanwhile ?? []) setAside.add(listener)
    observers.set('update', setAside)
    setAside = null
  }
  doc.on('beforeTransaction', onBeforeTransaction)
  doc.on('afterAllTransactions', onAfterAllTransactions)
  return () => {
    onAfterAllTransactions()
    doc.off('beforeTransaction', onBeforeTransaction)
    doc.off('afterAllTransactions', onAfterAllTransactions)
  }
}
