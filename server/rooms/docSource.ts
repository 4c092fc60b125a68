import * as Y from 'yjs'

/** Origin of the transaction that decodes stored bytes into the doc: no change to store or relay. */
export const STORAGE_ORIGIN = 'storage'

/**
 * Longest log (updates after the snapshot) held as bytes at load. `Y.mergeUpdates` is
 * superlinear in the number of updates it merges (docs/performance.md section 4), so a
 * longer log is decoded at once; the room compacts such a log right after loading anyway.
 */
export const MAX_HELD_LOG = 256

/**
 * A room's document content: the stored bytes (snapshot, then the log after it) until
 * something needs the decoded Y.Doc, then the doc. A joiner is served from the bytes
 * (`stateVector`, `diff`), so loading a board costs no `Y.applyUpdate` of its snapshot
 * until the first change, `use` task, compaction or replicated update (`decoded`).
 *
 * Invariant: while bytes are held, the doc has never been written; its content is
 * exactly what the bytes hold, so answers from either are the same.
 */
export class DocSource {
  /** Stored updates not yet in `doc` (the snapshot first); empty once decoded. */
  private held: Uint8Array[] = []
  /** `Y.encodeStateVectorFromUpdate` of the held bytes, cached until they change. */
  private heldVector: Uint8Array | null = null
  private decodedOnce = false

  /** `doc` is the room's Y.Doc; it stays empty while the content is held as bytes. */
  constructor(private readonly doc: Y.Doc) {}

  /** True while the content is held as stored bytes only (nothing decoded yet). */
  get holdsBytes(): boolean {
    return this.held.length > 0
  }

  /**
   * Takes what storage returned for the document. Held as bytes when the doc is untouched
   * and the log is short; applied at once otherwise (one transaction: Yjs integrates each
   * update as it comes and runs its cleanup once).
   */
  hold(snapshot: Uint8Array | null, log: readonly Uint8Array[]): void {
    const updates = snapshot ? [snapshot, ...log] : [...log]
    if (updates.length === 0) return
    this.held.push(...updates)
    this.heldVector = null
    if (this.decodedOnce || log.length > MAX_HELD_LOG) this.decoded()
  }

  /** The Y.Doc holding everything stored; decodes the held bytes the first time. */
  decoded(): Y.Doc {
    this.decodedOnce = true
    if (this.held.length === 0) return this.doc
    const updates = this.held
    this.held = []
    this.heldVector = null
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update)
    }, STORAGE_ORIGIN)
    return this.doc
  }

  /** True when `stateVector()` is cheap: decoded, or computed from the held bytes already. */
  get stateVectorAtHand(): boolean {
    return !this.holdsBytes || this.heldVector !== null
  }

  /** The document's state vector (a greeting's sync step 1), without decoding held bytes. */
  stateVector(): Uint8Array {
    if (!this.holdsBytes) return Y.encodeStateVector(this.doc)
    this.heldVector ??= Y.encodeStateVectorFromUpdate(this.merged())
    return this.heldVector
  }

  /** What a peer with `stateVector` lacks (the answer to its sync step 1), without decoding held bytes. */
  diff(stateVector: Uint8Array): Uint8Array {
    if (!this.holdsBytes) return Y.encodeStateAsUpdate(this.doc, stateVector)
    const merged = this.merged()
    // A joiner with nothing (no local copy) gets the stored bytes as they are.
    return Y.decodeStateVector(stateVector).size === 0 ? merged : Y.diffUpdate(merged, stateVector)
  }

  /** The held bytes as one update (merged once; at most MAX_HELD_LOG + 1 updates). */
  private merged(): Uint8Array {
    if (this.held.length > 1) this.held = [Y.mergeUpdates(this.held)]
    return this.held[0]!
  }
}
