import * as Y from 'yjs'

/**
 * Tells whether applying an update changed a doc, without a doc `update` listener: with
 * one, Yjs encodes every transaction again (docs/performance.md, hot spot 7). The check is
 * Yjs' own test for whether a transaction produces an update (writeUpdateMessageFromTransaction).
 */
export class ChangeWatcher {
  /** Set when the last transaction changed the doc. */
  private lastChanged = false
  /** The state vector before the last transaction, to find what a failing apply integrated. */
  private lastBeforeState: Map<number, number> | null = null

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onAfterTransaction)
  }

  /**
   * Applies `update` to `doc` (the watched doc, decoded) and tells whether it changed. When the apply throws after part of
   * the update was integrated, `integrated` receives that part (as the update Yjs would
   * have emitted; the doc's delete set is whole in it: rare path) before the error is rethrown.
   */
  apply(doc: Y.Doc, update: Uint8Array, origin: unknown, integrated: (partial: Uint8Array) => void): boolean {
    this.lastChanged = false
    try {
      Y.applyUpdate(doc, update, origin)
    } catch (error) {
      if (this.lastChanged && this.lastBeforeState) {
        integrated(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.lastBeforeState)))
      }
      throw error
    }
    return this.lastChanged
  }

  /** Stops watching (the room is closing). */
  stop(): void {
    this.doc.off('afterTransaction', this.onAfterTransaction)
  }

  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    this.lastBeforeState = transaction.beforeState
    if (transaction.deleteSet.clients.size > 0) {
      this.lastChanged = true
      return
    }
    for (const [client, clock] of transaction.afterState) {
      if (transaction.beforeState.get(client) !== clock) {
        this.lastChanged = true
        return
      }
    }
  }
}
