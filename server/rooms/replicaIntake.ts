import type { AppliedSeqs } from '../scaleout/appliedSeqs'

/** How long a seq gap may stay open (pub/sub reorders across instances) before storage is read. */
export const GAP_CATCH_UP_MS = 200

/**
 * What a room does with updates other instances stored and published (scale-out): relay
 * each to this instance's clients as it arrives, once per seq (it is stored already, so
 * it need not wait for what the room's queue is busy with: a compaction, a catch-up read,
 * a commit a newcomer's answer waits for; Yjs clients take updates in any order), and,
 * once the room has applied it, read storage when a seq stays missing.
 */
export class ReplicaIntake {
  /** Seqs relayed at arrival and not yet applied. */
  private readonly relayedAhead = new Set<number>()
  private gapTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly applied: AppliedSeqs,
    private readonly options: {
      /** Sends the update to this instance's clients. */
      relay(update: Uint8Array): void
      /** Reads from storage every seq not seen yet. */
      catchUp(): void
    },
  ) {}

  /** On arrival, before the room's queue gets to it: relays it when the room is ready and has not had it. */
  arrived(seq: number, update: Uint8Array, roomReady: boolean): void {
    if (!roomReady || this.applied.has(seq) || this.relayedAhead.has(seq)) return
    this.relayedAhead.add(seq)
    this.options.relay(update)
  }

  /** In the room's queue, before applying: whether it was relayed on arrival (else the room relays it if it changes anything). */
  takeRelayed(seq: number): boolean {
    return this.relayedAhead.delete(seq)
  }

  /**
   * After applying: instances publish independently, so seqs can arrive out of order; a
   * missing one gets GAP_CATCH_UP_MS over pub/sub before storage is read.
   */
  watchForGap(): void {
    if (!this.applied.hasGap || this.gapTimer) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null
      if (this.applied.hasGap) this.options.catchUp()
    }, GAP_CATCH_UP_MS)
    this.gapTimer.unref()
  }

  /** The room is closing. */
  stop(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.gapTimer = null
  }
}
