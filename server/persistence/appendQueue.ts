/** One appendUpdate call waiting to be committed. */
export interface QueuedAppend {
  docId: string
  /** A copy: the caller may reuse its buffer before the commit. */
  update: Uint8Array
  resolve(seq: number): void
  reject(error: unknown): void
}

/**
 * When queued appends go to the backend:
 * - `end-of-tick` (setImmediate): after every I/O callback of this turn of the event loop,
 *   so a backend with a round trip per commit (PostgreSQL) commits a busy turn at once;
 * - `end-of-task` (a microtask): as soon as the code that made them has run, before the
 *   next I/O callback, so a backend that commits in-process (SQLite, ~0.1 ms) does not hold
 *   an update back while the rest of a backlog of messages is handled (docs/performance.md,
 *   "Session 9": p99 −11 % at 20×10/s).
 */
export type FlushTiming = 'end-of-tick' | 'end-of-task'

/**
 * The appends made together (see FlushTiming), handed to the backend at once, so it can
 * store them in one transaction: group commit. Appends made in one synchronous run (a
 * room's batch, see groupCommit.ts) always go together. A lone append waits for no timer.
 * `commit` receives the appends in call order and must settle every one of them.
 */
export class AppendQueue {
  private readonly queued: QueuedAppend[] = []

  constructor(
    private readonly commit: (appends: QueuedAppend[]) => void,
    private readonly timing: FlushTiming = 'end-of-tick',
  ) {}

  /** Queues a copy of `update`; the promise settles when the backend has committed it (or failed to). */
  add(docId: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      const length = this.queued.push({ docId, update: update.slice(), resolve, reject })
      if (length > 1) return
      if (this.timing === 'end-of-task') queueMicrotask(this.flush)
      else setImmediate(this.flush)
    })
  }

  /** Hands what is queued to the backend now (before a read or close, so they see earlier appends). */
  readonly flush = (): void => {
    if (this.queued.length === 0) return
    this.commit(this.queued.splice(0))
  }
}

/** Splits appends by document, keeping call order within each. */
export function byDocument(appends: readonly QueuedAppend[]): Map<string, QueuedAppend[]> {
  const docs = new Map<string, QueuedAppend[]>()
  for (const append of appends) {
    const list = docs.get(append.docId)
    if (list) list.push(append)
    else docs.set(append.docId, [append])
  }
  return docs
}
