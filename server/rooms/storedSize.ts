/** When a room folds its log into a snapshot, and how big a document may grow. */
export interface StoredSizeLimits {
  /** Fold once the log has grown by this many updates (when the board is quiet: see `compactionDue`). */
  compactAfterUpdates: number
  /** Fold at once when the log has grown by this many bytes. */
  compactAfterBytes: number
  /** Refuse client updates once the stored document (snapshot + log) is this big. */
  maxDocumentBytes?: number
}

/** Below this an update is a handshake's empty or near-empty sync step 2, not new content. */
const TRIVIAL_UPDATE_BYTES = 16

/** A log this many times `compactAfterUpdates` long is folded even on a board that is never quiet. */
export const BUSY_COMPACTION_FACTOR = 10

/**
 * Whether the log wants folding: `no`; `when-quiet` (it is past `compactAfterUpdates`: fold
 * once nobody has changed the board for a moment, so the fold's pause does not hold up
 * anybody's edit); `now` (past `compactAfterBytes` or `BUSY_COMPACTION_FACTOR` times the
 * update count: a busy board cannot wait for a quiet moment for ever).
 */
export type CompactionDue = 'no' | 'when-quiet' | 'now'

/**
 * What one document holds in storage, as its room counts it: the snapshot's size and the
 * log since (counted when an update is queued for storage or applied from another
 * instance). Decides when to compact and when the size limit refuses an update.
 */
export class StoredSize {
  private snapshotBytes = 0
  /** Log since the last snapshot. */
  private logCount = 0
  private logBytes = 0
  /** Log growth since the last compaction attempt, so a failing backend is not retried on every update. */
  private growthUpdates = 0
  private growthBytes = 0

  constructor(private readonly limits: StoredSizeLimits) {}

  /** Updates in the log since the last snapshot. */
  get logUpdates(): number {
    return this.logCount
  }

  /** Snapshot plus log, in bytes. */
  get totalBytes(): number {
    return this.snapshotBytes + this.logBytes
  }

  /** What a load read: a snapshot of `snapshotBytes` and a log of these sizes. */
  loaded(snapshotBytes: number, logSizes: readonly number[]): void {
    this.snapshotBytes = snapshotBytes
    this.logCount = this.growthUpdates = logSizes.length
    this.logBytes = this.growthBytes = logSizes.reduce((sum, bytes) => sum + bytes, 0)
  }

  /** One update of `bytes` this room applied is on its way to the log (it counts towards compaction). */
  appended(bytes: number): void {
    this.logCount += 1
    this.logBytes += bytes
    this.growthUpdates += 1
    this.growthBytes += bytes
  }

  /** Another instance's updates joined the log (they are not this room's growth). */
  appendedElsewhere(updates: number, bytes: number): void {
    this.logCount += updates
    this.logBytes += bytes
  }

  /** How the log's growth since the last attempt asks for a compaction. */
  get compactionDue(): CompactionDue {
    const { compactAfterUpdates, compactAfterBytes } = this.limits
    if (this.growthBytes >= compactAfterBytes || this.growthUpdates >= compactAfterUpdates * BUSY_COMPACTION_FACTOR) return 'now'
    return this.growthUpdates >= compactAfterUpdates ? 'when-quiet' : 'no'
  }

  /** A compaction starts: wait for more growth before the next one, whether it succeeds or not. */
  compactionStarted(): void {
    this.growthUpdates = 0
    this.growthBytes = 0
  }

  /** The log is folded into a snapshot of `snapshotBytes`. */
  compacted(snapshotBytes: number): void {
    this.snapshotBytes = snapshotBytes
    this.logCount = 0
    this.logBytes = 0
  }

  /** The document size limit in bytes, if any. */
  get limit(): number | undefined {
    return this.limits.maxDocumentBytes
  }

  /** The limit an update of `bytes` would pass, or null when it fits (near-empty updates always fit). */
  limitPassedBy(bytes: number): number | null {
    const max = this.limits.maxDocumentBytes
    if (max === undefined || bytes <= TRIVIAL_UPDATE_BYTES) return null
    return this.totalBytes + bytes > max ? max : null
  }
}
