/** One appendUpdate call waiting to be committed. */
export interface QueuedAppend {
  docId: string
  /** A copy: the caller may reuse its buffer before the commit. */
  update: Uint8Array
  resolve(seq: number): void
  reject(error: unknown): void
}

/**
 * The appends made during one tick of the event loop, handed to the backend together at
 * the end of that tick (setImmediate), so it can store them in one transaction: group
 * commit. A lone append waits only for the end of the current tick, not for a timer.
 * `commit` receives the appends in call order and must settle every one of them.
 */
export class AppendQueue {
  private readonly queued: QueuedAppend[] = []

  constructor(private readonly commit: (appends: QueuedAppend[]) => void) {}

  /** Queues a copy of `update`; the promise settles when the backend has committed it (or failed to). */
  add(docId: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      const length = this.queued.push({ docId, update: update.slice(), resolve, reject })
      if (length === 1) setImmediate(this.flush)
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
