/**
 * Waits for a quiet moment on a board: fires `fold` once no update has arrived for
 * `quietMs`, however long the board stays busy (the wait is re-armed from the last update).
 * A room folds a long log this way: the fold pauses the room (encoding a large board takes
 * tens of milliseconds), and an update arriving meanwhile waits for it.
 */
export class QuietCompaction {
  private timer: NodeJS.Timeout | null = null
  /** When the last update arrived (performance.now()). */
  private lastUpdateAt = 0

  constructor(
    private readonly quietMs: number,
    private readonly fold: () => void,
  ) {}

  /** An update arrived: the quiet moment starts again from now. */
  updateArrived(): void {
    this.lastUpdateAt = performance.now()
  }

  /** Folds at the next quiet moment (once: a wait already under way is kept). */
  schedule(): void {
    if (this.timer) return
    const waited = performance.now() - this.lastUpdateAt
    this.timer = setTimeout(() => {
      this.timer = null
      if (performance.now() - this.lastUpdateAt < this.quietMs) this.schedule()
      else this.fold()
    }, Math.max(0, this.quietMs - waited))
    this.timer.unref()
  }

  /** The room is closing: no fold any more. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
