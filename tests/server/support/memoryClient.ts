import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Role } from '../../../shared/access/roles'
import type { BoardConnection, BoardSocket } from '../../../server/rooms/boardSocket'
import type { ConnectionAccess } from '../../../server/rooms/updatePolicy'
import { encodeAwareness, encodeSyncStep1, encodeSyncUpdate, MessageType } from '../../../server/rooms/protocol'

/** Anything a memory client can join: a room or a registry bound to a board. */
export type Joinable = { connect(socket: BoardSocket, access: ConnectionAccess): BoardConnection }

/**
 * A client that talks to a room in memory, the way the y-websocket provider does over a
 * socket: sync step 1 on connect, answers the server's step 1, sends its own updates,
 * and records everything it receives. No network, so room logic is tested alone.
 */
export class MemoryClient implements BoardSocket {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly received: Uint8Array[] = []
  closed: { code: number; reason: string } | null = null
  /** Set when the first sync step 2 arrived; `contentAtSynced` is the map content at that moment. */
  synced = false
  contentAtSynced: Record<string, unknown> | null = null
  private connection: BoardConnection | null = null

  constructor() {
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.toServer(encodeSyncUpdate(update))
    })
  }

  /** Joins with `role` (generation 1) and sends sync step 1, as the provider does when its socket opens. */
  join(target: Joinable, role: Role = 'facilitator'): this {
    this.connection = target.connect(this, { role, generation: 1 })
    this.toServer(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    return this
  }

  /** The shared map tests write to. */
  get notes(): Y.Map<unknown> {
    return this.doc.getMap('notes')
  }

  /** Sets this client's awareness state and sends it. */
  setPresence(state: Record<string, unknown> | null): void {
    this.awareness.setLocalState(state)
    this.toServer(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])))
  }

  /** Sends a raw frame to the server. */
  toServer(frame: Uint8Array): void {
    if (!this.closed) this.connection?.receive(frame)
  }

  /** The client goes away (as if its socket closed). */
  leave(): void {
    this.connection?.disconnect()
    this.closed ??= { code: 1000, reason: 'client left' }
  }

  send(data: Uint8Array): void {
    if (this.closed) return
    this.received.push(data)
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MessageType.sync)
      const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
      if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.synced = true
        this.contentAtSynced = this.notes.toJSON()
      }
      if (encoding.length(reply) > 1) this.toServer(encoding.toUint8Array(reply))
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    }
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason }
    this.connection?.disconnect()
  }

  /** Message types (first byte pairs) received so far, e.g. "0/0" for sync step 1. */
  receivedKinds(): string[] {
    return this.received.map((frame) => {
      const d = decoding.createDecoder(frame)
      const type = decoding.readVarUint(d)
      return type === MessageType.sync ? `0/${decoding.readVarUint(d)}` : String(type)
    })
  }
}

/** Resolves after pending timers and promise callbacks had a chance to run. */
export function settle(ms = 10): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

/** A promise with its resolve and reject exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
