import type { Duplex } from 'node:stream'

/** Holds a connection's writes until the end of the current turn of the event loop. */
export interface CoalescedWrites {
  /** Call before each write: the first one in a turn corks the socket until the turn ends. */
  hold(): void
}

/**
 * Frames sent to one connection in the same turn of the event loop go out in one write: the
 * first `hold` corks the TCP socket and the end of the turn (`process.nextTick`) uncorks it.
 * A stored batch of k updates relayed to n people then costs n writes, not k × n: each write
 * is a system call that wakes the reader, and under load they were a third of the relay's
 * time (docs/performance.md, "Session 6"). No frame waits longer than it did: none could leave
 * before the turn ends anyway. `rawSocket` answers the connection's TCP socket (ws keeps it
 * in `_socket`, with no public accessor), or nothing, in which case writes go out as made.
 */
export function coalescedWrites(rawSocket: () => Duplex | null | undefined): CoalescedWrites {
  let held = false
  const release = (raw: Duplex) => {
    held = false
    raw.uncork()
  }
  return {
    hold() {
      if (held) return
      const raw = rawSocket()
      if (!raw) return
      held = true
      raw.cork()
      process.nextTick(release, raw)
    },
  }
}
