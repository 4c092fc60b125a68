/** An update applied to a room's doc, waiting to be stored and, when `relay`, sent to the other connections. */
export interface PendingUpdate {
  update: Uint8Array
  origin: unknown
  relay: boolean
  /** The sync-update frame that carries `update`, when the client sent exactly that (relayed as is). */
  frame?: Uint8Array
}

/** What a group commit stores through and whom it tells. */
export interface GroupCommitOptions {
  /** Appends one update (PersistenceAdapter.appendUpdate bound to the document). */
  append(update: Uint8Array): number | Promise<number>
  /** Every update of `batch` is stored, `seqs[i]` being the seq of `batch[i]`. */
  stored(batch: PendingUpdate[], seqs: number[]): void
  /** Storing a batch failed: none of it may be relayed; no other batch is started afterwards. */
  failed(error: unknown): void
}

/**
 * One document's updates on their way to storage, at most one batch at a time. Updates
 * added while a batch is being stored wait and go together as the next batch once it has
 * landed: under load one commit (one fsync) stores many updates, while a lone update is
 * stored at once. The appends of a batch are issued in one go and in order, so a backend
 * that coalesces the appends made together into a transaction (appendQueue.ts)
 * stores the batch atomically, with seqs in the order the updates were added.
 */
export class GroupCommit {
  private readonly pending: PendingUpdate[] = []
  private storing: Promise<void> | null = null
  private stopped = false

  constructor(private readonly options: GroupCommitOptions) {}

  /** True while a batch is being stored. */
  get busy(): boolean {
    return this.storing !== null
  }

  /** Queues an update; `flush` sends it. */
  add(update: PendingUpdate): void {
    if (!this.stopped) this.pending.push(update)
  }

  /** Sends every queued update as one batch, unless a batch is in flight (they go next, when it lands). */
  flush(): void {
    if (this.storing || this.pending.length === 0 || this.stopped) return
    const batch = this.pending.splice(0)
    let appended: Array<number | Promise<number>>
    try {
      appended = batch.map((next) => this.options.append(next.update))
    } catch (error) {
      return this.fail(error)
    }
    if (appended.every((seq): seq is number => typeof seq === 'number')) {
      // A synchronous backend: stored already.
      return this.options.stored(batch, appended)
    }
    this.storing = Promise.all(appended).then(
      (seqs) => {
        this.storing = null
        if (this.stopped) return
        this.options.stored(batch, seqs)
        this.flush()
      },
      (error: unknown) => {
        this.storing = null
        this.fail(error)
      },
    )
  }

  /** Resolves once everything added so far is stored (and reported), or storing failed. */
  async settled(): Promise<void> {
    this.flush()
    while (this.storing) await this.storing
  }

  /** Drops what is queued and starts no batch any more (the room is closing). */
  stop(): void {
    this.stopped = true
    this.pending.length = 0
  }

  private fail(error: unknown): void {
    if (this.stopped) return
    this.stop()
    this.options.failed(error)
  }
}
