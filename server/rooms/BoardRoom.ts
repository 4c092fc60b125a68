import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { canWriteDoc, type BoardDocKind } from '../../shared/access/roles'
import { CloseCode } from '../../shared/closeCodes'
import { boardTag, errorFields } from '../log'
import type { BoardConnection, BoardSocket } from './boardSocket'
import { DocChanges } from './docChanges'
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type ClientMessage,
} from './protocol'
import type { BoardRoomOptions } from './boardRoomOptions'
import { GroupCommit, type PendingUpdate } from './groupCommit'
import { RoomAwareness } from './roomAwareness'
import { RoomConnections } from './roomConnections'
import { QuietCompaction } from './quietCompaction'
import { ReplicaIntake } from './replicaIntake'
import { SerialQueue } from './serialQueue'
import { StoredDocument } from './storedDocument'
import { admitUpdate, refusalFor, type UpdateGateContext } from './updateGate'
import type { ConnectionAccess } from './updatePolicy'
import { catchUpFromStorage } from '../scaleout/catchUp'
import { REMOTE_ORIGIN, type ReplicaMember } from '../scaleout/replication'

export type { BoardRoomOptions } from './boardRoomOptions'

type RoomState = 'loading' | 'ready' | 'failed' | 'closed'

/**
 * One board document in memory: its content (stored bytes until something needs the Y.Doc:
 * docSource.ts), the awareness of the people on it, and their connections. Guarantees: the
 * board is loaded before any client message is answered; every update is stored before it
 * is relayed or served; a storage failure closes the room rather than serve anything
 * unstored; an update the connection's role may not make (updatePolicy.ts) is never
 * applied, stored or relayed.
 *
 * Group commit (groupCommit.ts): messages are applied one at a time, in order, but an
 * update does not hold up the next message while it is being stored. Updates applied while
 * a batch is being stored go to storage together, as the next batch, once it has landed;
 * each is relayed (and published) only after its whole batch is stored. Anything
 * that serves the document (a sync step 2 answer, a newcomer's greeting, `use`, a
 * compaction snapshot) first waits until every update applied so far is stored.
 */
export class BoardRoom implements ReplicaMember {
  readonly boardId: string
  readonly kind: BoardDocKind
  /** The room's Y.Doc: empty while the stored bytes are held; reached through `stored.source` or `changes`. */
  private readonly ydoc = new Y.Doc()
  /** Content (bytes until decoded), stored seqs and log size; loads and compacts. */
  private readonly stored: StoredDocument
  private readonly changes: DocChanges
  private readonly connections = new RoomConnections()
  private readonly presence = new RoomAwareness(this.ydoc, {
    broadcast: (frame) => this.connections.broadcast(frame, null),
    publish: (update) => this.options.replication?.publishAwareness(this, update),
  })
  private readonly queue = new SerialQueue()
  /** Applied updates on their way to storage, stored in batches in the order they were applied. */
  private readonly commits = new GroupCommit({
    append: (update) => this.options.persistence.appendUpdate(this.boardId, update),
    stored: (batch, seqs) => this.relayStored(batch, seqs),
    failed: (error) => this.failStorage(error),
  })
  /** Why storing failed, once it has (the room is closed then). */
  private storageError: unknown = null
  private state: RoomState = 'loading'
  private decodeScheduled = false
  /** Updates other instances stored: relayed on arrival, gaps read from storage. */
  private readonly replicas: ReplicaIntake
  /** Folds a long log at a quiet moment (`compactQuietMs`); null: at once. */
  private readonly quietCompaction: QuietCompaction | null
  /** What the checks of a client's update read (updateGate.ts). */
  private readonly gate: UpdateGateContext

  constructor(private readonly options: BoardRoomOptions) {
    this.boardId = options.boardId
    this.kind = options.kind
    this.stored = new StoredDocument(this.ydoc, options)
    const { source, size } = this.stored
    this.changes = new DocChanges(this.ydoc, source, {
      store: (update) => this.enqueue(update),
      relay: (update) => this.relayToAll(update),
    })
    const { compactQuietMs } = options
    this.quietCompaction =
      compactQuietMs === undefined ? null : new QuietCompaction(compactQuietMs, () => void this.run(() => this.compactIfLogTooLong(true)))
    this.gate = { boardId: options.boardId, kind: options.kind, source, size, log: options.log }
    this.replicas = new ReplicaIntake(this.stored.applied, {
      relay: (update) => this.relayToAll(update),
      catchUp: () => this.catchUp(true),
    })
    void this.run(() => this.load())
  }

  /** The awareness states of the people on the board (tests read it). */
  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness
  }

  /** The document, decoded from the stored bytes if it was not yet (tests and benchmarks read it). */
  get doc(): Y.Doc {
    return this.stored.source.decoded()
  }

  /** Number of open connections. */
  get size(): number {
    return this.connections.size
  }

  /** True while the room can take connections. */
  get isOpen(): boolean {
    return this.state === 'loading' || this.state === 'ready'
  }

  /** Resolves once every message received so far has been handled and its updates stored (or storage failed). */
  async idle(): Promise<void> {
    // A handled message's updates may still be on their way to storage: wait for both to go quiet.
    for (;;) {
      await this.queue.idle()
      if (!this.commits.busy) return
      await this.commits.settled()
    }
  }

  /** Joins a client with the access its token granted. Its messages are queued until the board is loaded. */
  connect(socket: BoardSocket, access: ConnectionAccess): BoardConnection {
    if (!this.isOpen) {
      // The registry never hands out a closed room; refuse rather than leave a client hanging.
      socket.close(CloseCode.serviceRestart, 'Board is closing; reconnect')
      return { receive: () => {}, disconnect: () => {} }
    }
    this.connections.add(socket, access)
    this.presence.join(socket)
    void this.run(() => this.greet(socket))
    return {
      receive: (frame) => {
        void this.run(() => this.handleFrame(socket, frame))
      },
      disconnect: () => {
        void this.run(() => this.removeConnection(socket))
      },
    }
  }

  /**
   * Runs `task` on the loaded document inside the room's queue (after every message
   * received so far). Whatever it writes is stored and relayed like a client's update
   * before the promise resolves. Rejects when the board could not be loaded.
   */
  use<T>(task: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // What the task reads may be served (vote results, an export): it must be stored already.
      await this.allStored()
      if (this.state !== 'ready') throw this.notReady()
      const result = await this.changes.withUpdateEvents(task)
      await this.allStored()
      if (this.state !== 'ready') throw this.notReady()
      return result
    })
  }

  /** Closes, with `code`, every connection whose access matches `which` (e.g. tokens older than a rotation). */
  closeConnections(which: (access: ConnectionAccess) => boolean, code: number, reason: string): Promise<number> {
    return this.queue.run(() => {
      const sockets = this.connections.where(which)
      for (const socket of sockets) {
        socket.close(code, reason)
        this.removeConnection(socket)
      }
      return sockets.length
    })
  }

  /** Persists, compacts and forgets the board; used when it has been empty for a while. */
  unload(): Promise<void> {
    return this.queue.run(() => this.closeStored('unload', 'Board unloaded'))
  }

  /** Persists and compacts, then closes every connection with 1012 (server restarting). */
  shutdown(): Promise<void> {
    return this.queue.run(() => this.closeStored('shutdown', 'Server restarting'))
  }

  // Scale-out (server/scaleout): changes other instances stored and relayed.

  /** Another instance stored `update` as `seq`: relayed here on arrival (replicaIntake.ts), then applied in the queue, not stored again. */
  receiveUpdate(seq: number, update: Uint8Array): void {
    this.replicas.arrived(seq, update, this.state === 'ready')
    void this.run(() => {
      const relayed = this.replicas.takeRelayed(seq)
      const { applied } = this.stored
      if (this.state !== 'ready' || applied.has(seq)) return
      // Arrived while the board was loading: relayed now, as the bytes the other instance published.
      if (this.changes.apply(update, REMOTE_ORIGIN) && !relayed) this.relayToAll(update)
      applied.add(seq)
      this.stored.size.appendedElsewhere(1, update.byteLength)
      // The board is not quiet while people on other instances edit it.
      this.quietCompaction?.updateArrived()
      this.replicas.watchForGap()
    })
  }

  /** Another instance's clients changed their awareness: apply it and relay it here. */
  receiveAwareness(update: Uint8Array): void {
    void this.run(() => {
      if (this.state === 'ready') this.presence.apply(update, REMOTE_ORIGIN)
    })
  }

  /** Every awareness state held here (to answer a room that just loaded elsewhere), or null. */
  awarenessSnapshot(): Uint8Array | null {
    return this.state === 'ready' && this.presence.anyonePresent ? this.presence.everyone() : null
  }

  /** Applies what storage holds beyond the seqs seen here (pub/sub dropped it, or Redis was away). */
  catchUp(full: boolean): void {
    void this.run(async () => {
      if (this.state !== 'ready') return
      const { source, applied, size } = this.stored
      // A sweep that finds nothing new leaves stored bytes undecoded (catchUpFromStorage reads this too).
      if (!full && source.holdsBytes) {
        const rows = await this.options.persistence.readUpdatesAfter(this.boardId, applied.through)
        if (rows.length === 0 || this.state !== 'ready') return
      }
      const read = await this.changes.withUpdateEvents((doc) => catchUpFromStorage(this.options.persistence, this.boardId, doc, applied, full))
      size.appendedElsewhere(read.updates, read.bytes)
    })
  }

  private async closeStored(why: 'unload' | 'shutdown', reason: string): Promise<void> {
    if (this.state !== 'ready' && this.state !== 'loading') return
    await this.compact(why)
    // Storing may have failed meanwhile: that already closed everything.
    if (this.state !== 'ready' && this.state !== 'loading') return
    this.connections.closeAll(CloseCode.serviceRestart, reason)
    this.destroy('closed')
  }

  /** The error for work asked of a room that is not (or no longer) ready. */
  private notReady(): unknown {
    return this.storageError ?? new Error('The board is not loaded (storage failed or it is closing); try again.')
  }

  /** Queues a task; a failure is logged, never left as an unhandled rejection that would stop the process. */
  private run(task: () => void | Promise<void>): Promise<void> {
    return this.queue.run(task).catch((error: unknown) => {
      this.options.log.log('error', 'room task failed', { board: boardTag(this.boardId), ...errorFields(error) })
    })
  }

  private async load(): Promise<void> {
    const started = Date.now()
    try {
      await this.options.after
      // Subscribe first: whatever another instance stores after the load below still arrives.
      await this.options.replication?.join(this)
      await this.stored.load()
    } catch (error) {
      this.options.log.log('error', 'board load failed', { board: boardTag(this.boardId), ...errorFields(error) })
      this.connections.closeAll(CloseCode.loadFailed, 'Board could not be loaded; try again later')
      this.destroy('failed')
      this.options.onFailed?.(this)
      return
    }
    this.state = 'ready'
    this.options.log.log('info', 'board loaded', {
      board: boardTag(this.boardId),
      updates: this.stored.size.logUpdates,
      decoded: !this.stored.source.holdsBytes,
      ms: Date.now() - started,
    })
    // A long log (a crash, an import, an older server) is folded now, not at the first edit.
    await this.compactIfLogTooLong()
  }

  private async greet(socket: BoardSocket): Promise<void> {
    // Nothing about the document goes to a newcomer before what it holds is stored.
    await this.allStored()
    if (this.state !== 'ready' || !this.connections.has(socket)) return
    // The state vector of a board still held as stored bytes takes a pass over all of them
    // (~0.1 s for a 2 MB board): queue it behind the newcomer's own sync step 1, so the
    // board reaches its screen first. Its step 1 only asks for the newcomer's offline edits.
    if (this.stored.source.stateVectorAtHand) this.sendStateVector(socket)
    else void this.run(() => this.allStored().then(() => this.sendStateVector(socket)))
    if (this.presence.anyonePresent) socket.send(encodeAwareness(this.presence.everyone()))
  }

  /** Sync step 1 to `socket`: the server's state vector, so the client sends what the server lacks. */
  private sendStateVector(socket: BoardSocket): void {
    if (this.state !== 'ready' || !this.connections.has(socket)) return
    socket.send(encodeSyncStep1(this.stored.source.stateVector()))
  }

  private async handleFrame(socket: BoardSocket, frame: Uint8Array): Promise<void> {
    if (this.state !== 'ready' || !this.connections.has(socket)) return
    try {
      const message: ClientMessage = decodeClientMessage(frame)
      if (message.kind === 'sync-step1') {
        // The answer holds the document: everything applied before must be stored first.
        await this.allStored()
        if (this.state !== 'ready' || !this.connections.has(socket)) return
      }
      this.apply(socket, message, frame)
    } catch (error) {
      this.rejectFrame(socket, error)
      // Part of a bad update may have been applied before it failed: store what was.
    }
    // Not awaited: the next message is handled while this update is stored (group commit).
    this.commits.flush()
    await this.compactIfLogTooLong()
  }

  private apply(socket: BoardSocket, message: ClientMessage, frame: Uint8Array): void {
    switch (message.kind) {
      case 'sync-step1':
        socket.send(encodeSyncStep2(this.stored.source.diff(message.stateVector)))
        if (this.stored.source.holdsBytes && canWriteDoc(this.connections.accessOf(socket)!.role, this.kind)) this.decodeSoon()
        return
      case 'sync-step2':
      case 'sync-update': {
        this.quietCompaction?.updateArrived()
        if (!admitUpdate(this.gate, this.connections.accessOf(socket)!.role, message.update)) return
        const changed = this.changes.apply(message.update, socket)
        // The client's own bytes are stored and relayed: Yjs need not re-encode the change
        // (docs/performance.md, hot spot 7). Structs waiting for a missing dependency change
        // nothing yet, but sync step 2 answers include them, and peers need them once the
        // dependency arrives: those updates are stored and relayed too.
        const store = this.ydoc.store
        if (changed || store.pendingStructs !== null || store.pendingDs !== null) {
          const plain = message.kind === 'sync-update'
          this.enqueue({ update: message.update, origin: socket, relay: true, ...(plain ? { frame } : {}) })
        }
        return
      }
      case 'awareness':
        this.presence.apply(message.update, socket)
        return
      case 'query-awareness':
        socket.send(encodeAwareness(this.presence.everyone()))
        return
      case 'auth':
        return
    }
  }

  /**
   * Someone who may edit has the board: decode the stored bytes now, in a task of its own
   * after the messages already waiting, rather than inside that person's first edit (which
   * would wait ~0.5 s for a 2 MB board: docs/performance.md, section 4). Boards only viewed
   * stay undecoded.
   */
  private decodeSoon(): void {
    if (this.decodeScheduled || this.options.decodeWhenEditorJoins === false) return
    this.decodeScheduled = true
    setImmediate(() => {
      void this.run(() => {
        if (this.state === 'ready') this.stored.source.decoded()
      })
    })
  }

  private rejectFrame(socket: BoardSocket, error: unknown): void {
    const refusal = refusalFor(error, this.gate)
    if (refusal.warn) this.options.log.log('warn', refusal.warn.msg, refusal.warn.fields)
    socket.close(refusal.code, refusal.reason)
    this.removeConnection(socket)
  }

  /** Queues an applied update for storage and counts it towards the log size. */
  private enqueue(update: PendingUpdate): void {
    this.commits.add(update)
    this.stored.size.appended(update.update.byteLength)
  }

  /** Resolves once every update applied so far is stored and relayed, or storing failed (the room is closed then). */
  private allStored(): Promise<void> {
    return this.commits.settled()
  }

  /** Sends an update no connection here wrote (another instance's, or the server's own) to every connection. */
  private relayToAll(update: Uint8Array): void {
    this.connections.broadcast(encodeSyncUpdate(update), null)
  }

  private relayStored(batch: PendingUpdate[], seqs: number[]): void {
    for (const [i, next] of batch.entries()) {
      const seq = seqs[i]!
      this.stored.applied.add(seq)
      this.options.replication?.publishUpdate(this, seq, next.update)
      if (next.relay) this.connections.broadcast(next.frame ?? encodeSyncUpdate(next.update), next.origin)
    }
  }

  private failStorage(cause: unknown): void {
    this.options.log.log('error', 'storing an update failed; closing the board', {
      board: boardTag(this.boardId),
      ...errorFields(cause),
    })
    this.storageError = cause
    this.connections.closeAll(CloseCode.storageFailed, 'Storage failed; reconnect later')
    this.destroy('failed')
    this.options.onFailed?.(this)
  }

  /** Folds a long log: at once when far too long, quiet or without a quiet moment configured; else at the next quiet moment. */
  private async compactIfLogTooLong(quiet = false): Promise<void> {
    if (this.state !== 'ready') return
    const due = this.stored.size.compactionDue
    if (due === 'now' || (due === 'when-quiet' && (quiet || !this.quietCompaction))) await this.compact(quiet ? 'quiet' : 'threshold')
    else if (due === 'when-quiet') this.quietCompaction!.schedule()
  }

  /** Folds the log into a snapshot (storedDocument.ts), in the queue, once every applied update is stored. */
  private async compact(reason: string): Promise<void> {
    await this.allStored()
    if (this.state === 'ready') await this.stored.compact(reason)
  }

  private removeConnection(socket: BoardSocket): void {
    if (!this.connections.remove(socket)) return
    if (this.state !== 'closed' && this.state !== 'failed') this.presence.leave(socket)
    if (this.connections.size === 0 && this.isOpen) this.options.onEmpty?.(this)
  }

  private destroy(state: 'closed' | 'failed'): void {
    this.state = state
    this.commits.stop()
    this.options.replication?.leave(this)
    this.replicas.stop()
    this.quietCompaction?.stop()
    this.changes.stop()
    this.presence.destroy()
    this.ydoc.destroy()
  }
}
