import * as Y from 'yjs'
import { REMOTE_ORIGIN } from '../scaleout/replication'
import type { DocSource } from './docSource'
import { STORAGE_ORIGIN } from './docSource'
import type { PendingUpdate } from './groupCommit'

/** Where the changes made to a room's doc go. */
export interface DocChangeOutlets {
  /** A change made on this instance (a client's, a server task's): store it, then relay it. */
  store(update: PendingUpdate): void
  /** Another instance's change, stored already: relay it to this instance's clients only. */
  relay(update: Uint8Array): void
}

/**
 * Every change to a room's doc goes through here; the stored bytes are decoded first
 * (docSource.ts). A client's or another instance's update is applied without a doc
 * `update` listener: with one, Yjs encodes every transaction again (docs/performance.md,
 * hot spot 7). Whether it changed anything is Yjs' own test for whether a transaction
 * produces an update (writeUpdateMessageFromTransaction), run on `afterTransaction`.
 * Server-side tasks and catch-up reads run with the listener (`withUpdateEvents`).
 */
export class DocChanges {
  /** Set when the last transaction changed the doc. */
  private lastChanged = false
  /** The state vector before the last transaction, to find what a failing apply integrated. */
  private lastBeforeState: Map<number, number> | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly source: DocSource,
    private readonly outlets: DocChangeOutlets,
  ) {
    doc.on('afterTransaction', this.onAfterTransaction)
  }

  /**
   * Applies `update` and tells whether the doc changed. The caller stores and relays it
   * (as the bytes it has). When the apply throws after part of the update was integrated,
   * that part goes out (as the update Yjs would have emitted; the doc's delete set is
   * whole in it: rare path) before the error is rethrown.
   */
  apply(update: Uint8Array, origin: unknown): boolean {
    const doc = this.source.decoded()
    this.lastChanged = false
    try {
      Y.applyUpdate(doc, update, origin)
    } catch (error) {
      if (this.lastChanged && this.lastBeforeState) {
        this.changed(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.lastBeforeState)), origin)
      }
      throw error
    }
    return this.lastChanged
  }

  /** Runs `task` on the decoded doc with its update events stored and relayed (server-side writes, catch-up reads). */
  async withUpdateEvents<T>(task: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const doc = this.source.decoded()
    doc.on('update', this.changed)
    try {
      return await task(doc)
    } finally {
      doc.off('update', this.changed)
    }
  }

  /** Stops watching (the room is closing). */
  stop(): void {
    this.doc.off('update', this.changed)
    this.doc.off('afterTransaction', this.onAfterTransaction)
  }

  private readonly changed = (update: Uint8Array, origin: unknown): void => {
    // Decoding stored bytes is no change (decoded before listening; this is the backstop).
    if (origin === STORAGE_ORIGIN) return
    if (origin === REMOTE_ORIGIN) return this.outlets.relay(update)
    // Never store inside Yjs' event dispatch: the outlet queues it, the room flushes right after.
    this.outlets.store({ update, origin, relay: true })
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
