import type { BoardDocKind } from '../../shared/access/roles'

/**
 * Origin of changes another instance made: a room applies them and relays them to its own
 * clients, but never stores them again (they are stored) or publishes them again.
 */
export const REMOTE_ORIGIN = Symbol('remote instance')

/** A loaded document as the fan-out sees it (BoardRoom implements this). */
export interface ReplicaMember {
  /** Storage key: board id, or `<boardId>:session`. */
  readonly boardId: string
  readonly kind: BoardDocKind
  /** Another instance stored and relayed `update` as `seq`. */
  receiveUpdate(seq: number, update: Uint8Array): void
  /** Another instance's clients changed their awareness. */
  receiveAwareness(update: Uint8Array): void
  /** Every awareness state this room holds, to answer a newly loaded room elsewhere; null when none. */
  awarenessSnapshot(): Uint8Array | null
  /** Reads from storage what may have been missed; `full` also reloads the snapshot if the log was compacted past us. */
  catchUp(full: boolean): void
}

/** How rooms share documents with other server instances; absent on a single server. */
export interface Replication {
  /** Starts delivering remote messages to `member`; resolves once subscribed, or after a bounded wait while the broker is away. */
  join(member: ReplicaMember): Promise<void>
  /** Stops delivering to `member`. */
  leave(member: ReplicaMember): void
  /** Tells the others that `update` is stored as `seq` (call after the append committed). */
  publishUpdate(member: ReplicaMember, seq: number, update: Uint8Array): void
  /** Tells the others about an awareness change of this instance's clients. */
  publishAwareness(member: ReplicaMember, update: Uint8Array): void
}
