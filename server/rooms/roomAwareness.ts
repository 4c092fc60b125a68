import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { encodeAwareness } from './protocol'
import { REMOTE_ORIGIN } from '../scaleout/replication'

/** Where a room's awareness changes go. */
export interface AwarenessOutlets {
  /** Sends a frame to every connection of the room. */
  broadcast(frame: Uint8Array): void
  /** Tells other instances (scale-out) about a change this instance's clients made. */
  publish(update: Uint8Array): void
}

/**
 * The awareness (cursors, names) of the people on one board document, and which awareness
 * client ids each connection controls, so they are removed when it leaves. The server is
 * no participant: it holds no awareness state of its own.
 */
export class RoomAwareness {
  /** The present states (read-only for others: changes go through `apply`, `leave`). */
  readonly awareness: awarenessProtocol.Awareness
  /** The awareness client ids each connection controls. */
  private readonly controlled = new Map<unknown, Set<number>>()

  constructor(
    doc: Y.Doc,
    private readonly outlets: AwarenessOutlets,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** True when anyone's state is present. */
  get anyonePresent(): boolean {
    return this.awareness.getStates().size > 0
  }

  /** An awareness update holding every present state (empty when nobody is present). */
  everyone(): Uint8Array {
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])
  }

  /** A connection joined: the states it sets from now on are its own. */
  join(connection: unknown): void {
    this.controlled.set(connection, new Set())
  }

  /** Applies an awareness update from a connection, or from another instance (REMOTE_ORIGIN). */
  apply(update: Uint8Array, origin: unknown): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin)
  }

  /** A connection left: the states it controlled are removed (and the removal broadcast). */
  leave(connection: unknown): void {
    const controlled = this.controlled.get(connection)
    this.controlled.delete(connection)
    if (controlled && controlled.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null)
  }

  /** Forgets everyone without telling anyone (the room is closing). */
  destroy(): void {
    this.controlled.clear()
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.controlled.get(origin)
    if (controlled) {
      for (const id of added) controlled.add(id)
      for (const id of removed) controlled.delete(id)
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])
    // Sent to everyone, the sender too, as the reference server does: the echo is what
    // keeps a lone client's "no message for 30 s" watchdog from reconnecting.
    this.outlets.broadcast(encodeAwareness(update))
    if (origin !== REMOTE_ORIGIN) this.outlets.publish(update)
  }
}
