import type * as Y from 'yjs'

/** A listener of the doc's `update` event: `(update, origin, doc, transaction)`. */
export type UpdateListener = (...args: unknown[]) => void

/** What to do instead of Yjs encoding one transaction's update: null drops it, else called with the listeners it would have reached. */
export type Announcement = ((listeners: readonly UpdateListener[]) => void) | null

/**
 * Keeps Yjs from encoding `transaction` as an `update` message. Yjs encodes every
 * transaction whenever anything listens for `update` (lib0's listener map, the one
 * yjs 13.6's `cleanupTransactions` reads: `doc._observers.has('update')`), which costs a
 * pass over everything the transaction changed: ~60–90 ms for a whole 1,000-shape board.
 *
 * The listeners are set aside from the transaction's `afterTransactionCleanup` (the moment
 * before Yjs would encode it) until the next transaction's observer calls or the end of the
 * batch, whichever comes first, so a transaction its observers start is announced as usual.
 * Then they are put back (with any added meanwhile) and `announce`, unless null, is called
 * with them. Call it from `beforeTransaction`; tests/binding/updateAnnouncement.test.ts fails
 * if Yjs ever reads its listeners differently.
 */
export function announceInstead(doc: Y.Doc, transaction: Y.Transaction, announce: Announcement): void {
  const observers = doc._observers as Map<string, Set<UpdateListener>>
  let setAside: Set<UpdateListener> | null = null
  let done = false

  const putBack = () => {
    if (done) return
    done = true
    doc.off('afterTransactionCleanup', onCleanup)
    doc.off('beforeObserverCalls', onNextTransaction)
    doc.off('afterAllTransactions', putBack)
    if (setAside === null) return
    const listeners = setAside
    setAside = null
    for (const listener of observers.get('update') ?? []) listeners.add(listener)
    observers.set('update', listeners)
    announce?.([...listeners])
  }
  const onCleanup = (cleaned: Y.Transaction) => {
    if (cleaned !== transaction) return
    const listeners = observers.get('update')
    if (listeners === undefined) return
    setAside = listeners
    observers.delete('update')
  }
  const onNextTransaction = (next: Y.Transaction) => {
    if (next !== transaction) putBack()
  }
  doc.on('afterTransactionCleanup', onCleanup)
  doc.on('beforeObserverCalls', onNextTransaction)
  doc.on('afterAllTransactions', putBack)
}

/** Whether `transaction` changed the doc: when it did not, Yjs announces no update either. */
export function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}
