import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { BoardDocKind } from '../../shared/access/roles'
import { CloseCode } from '../../shared/closeCodes'
import { boardTag, errorFields, type Logger } from '../log'
import { lastSeqOf, type PersistenceAdapter } from '../persistence/adapter'
import type { BoardConnection, BoardSocket } from './boardSocket'
import { ChangeWatcher } from './changeWatcher'
import { DocSource, STORAGE_ORIGIN } from './docSource'
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
  type ClientMessage,
} from './protocol'
import { GroupCommit, type PendingUpdate } from './groupCommit'
import { RoomAwareness } from './roomAwareness'
import { SerialQueue } from './serialQueue'
import { StoredSize } from './storedSize'
import { judgeUpdateOn, type ConnectionAccess } from './updatePolicy'
import { scanUpdate } from './updateScan'
import { AppliedSeqs } from '../scaleout/appliedSeqs'
import { catchUpFromStorage } from '../scaleout/catchUp'
import { REMOTE_ORIGIN, type ReplicaMember, type Replication } from '../scaleout/replication'

/** What a room needs from the server around it. */
export interface BoardRoomOptions {
  /** Storage key of the document (`docIdFor(board, kind)`). */
  boardId: string
  /** Which of the board's documents this room holds; decides who may write it. */
  kind: BoardDocKind
  persistence: PersistenceAdapter
  log: Logger
  compactAfterUpdates: number
  compactAfterBytes: number
  /** Settles when an earlier room of the same board has finished unloading; load waits for it. */
  after?: Promise<void>
  /** The last connection left (the registry starts the unload timer). */
  onEmpty?: (room: BoardRoom) => void
  /** Storage failed; the room closed its sockets and must be forgotten. */
  onFailed?: (room: BoardRoom) => void
  /** Scale-out: shares the document with other instances (absent on a single server). */
  replication?: Replication
  /** Refuse client updates once the stored document (snapshot + log) is this big. */
  maxDocumentBytes?: number
}

type RoomState = 'loading' | 'ready' | 'failed' | 'closed'

/** Thrown by apply() for an update the policy refuses: the socket is closed with 4403. */
class RefusedUpdate extends Error {}

/** Thrown by apply() for an update to a board at its size limit: the socket is closed with 4413. */
class DocumentFull extends Error {}

/** How long a seq gap may stay open (pub/sub reorders across instances) before storage is read. */
const GAP_CATCH_UP_MS = 200

/**
 * One board document in memory: its content (stored bytes until something needs the Y.Doc:
 * docSource.ts), the awareness of the people on it, and their connections. Guarantees: the board is loaded before any client message is answered;
 * every update is stored before it is relayed or served; a storage failure closes the
 * room rather than serve anything unstored; an update the connection's role may not make
 * (updatePolicy.ts) is never applied, stored or relayed.
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
  /** The room's Y.Doc: empty while the source holds the stored bytes; reach it through `source.decoded()`. */
  private readonly ydoc = new Y.Doc()
  private readonly source = new DocSource(this.ydoc)
  private readonly changes = new ChangeWatcher(this.ydoc)
  private readonly presence = new RoomAwareness(this.ydoc, {
    broadcast: (frame) => this.broadcast(frame, null),
    publish: (update) => this.options.replication?.publishAwareness(this, update),
  })
  /** Each connection with its access. */
  private readonly connections = new Map<BoardSocket, ConnectionAccess>()
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
  /** The stored seqs the doc holds: everything through `applied.through` is safe to compact. */
  private readonly applied = new AppliedSeqs()
  private gapTimer: NodeJS.Timeout | null = null
  /** Snapshot and log size, for compaction and the size limit. */
  private readonly stored: StoredSize

  constructor(private readonly options: BoardRoomOptions) {
    this.boardId = options.boardId
    this.kind = options.kind
    this.stored = new StoredSize(options)
    void this.run(() => this.load())
  }

  /** The awareness states of the people on the board (tests read it). */
  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness
  }

  /** The document, decoded from the stored bytes if it was not yet (tests and benchmarks read it). */
  get doc(): Y.Doc {
    return this.source.decoded()
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
    this.connections.set(socket, access)
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
      const doc = this.source.decoded()
      const result = await this.withUpdateEvents(() => task(doc))
      await this.allStored()
      if (this.state !== 'ready') throw this.notReady()
      return result
    })
  }

  /** Closes, with `code`, every connection whose access matches `which` (e.g. tokens older than a rotation). */
  closeConnections(which: (access: ConnectionAccess) => boolean, code: number, reason: string): Promise<number> {
    return this.queue.run(() => {
      let closed = 0
      for (const [socket, access] of [...this.connections]) {
        if (!which(access)) continue
        socket.close(code, reason)
        this.removeConnection(socket)
        closed += 1
      }
      return closed
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

  /** Another instance stored `update` as `seq`: apply it and relay it here, without storing it again. */
  receiveUpdate(seq: number, update: Uint8Array): void {
    void this.run(() => {
      if (this.state !== 'ready' || this.applied.has(seq)) return
      // Stored already by the other instance: only relayed here, as the bytes it published.
      if (this.applyChanges(update, REMOTE_ORIGIN)) this.broadcast(encodeSyncUpdate(update), null)
      this.applied.add(seq)
      this.stored.appendedElsewhere(1, update.byteLength)
      // Instances publish independently, so seqs can arrive out of order: give the
      // missing one a moment over pub/sub before reading it from storage.
      if (this.applied.hasGap && !this.gapTimer) {
        this.gapTimer = setTimeout(() => {
          this.gapTimer = null
          if (this.applied.hasGap) this.catchUp(true)
        }, GAP_CATCH_UP_MS)
        this.gapTimer.unref()
      }
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
      // A sweep that finds nothing new leaves stored bytes undecoded (catchUpFromStorage reads this too).
      if (!full && this.source.holdsBytes) {
        const rows = await this.options.persistence.readUpdatesAfter(this.boardId, this.applied.through)
        if (rows.length === 0 || this.state !== 'ready') return
      }
      const doc = this.source.decoded()
      const read = await this.withUpdateEvents(() =>
        catchUpFromStorage(this.options.persistence, this.boardId, doc, this.applied, full),
      )
      this.stored.appendedElsewhere(read.updates, read.bytes)
    })
  }

  private async closeStored(why: 'unload' | 'shutdown', reason: string): Promise<void> {
    if (this.state !== 'ready' && this.state !== 'loading') return
    await this.compact(why)
    // Storing may have failed meanwhile: that already closed everything.
    if (this.state !== 'ready' && this.state !== 'loading') return
    this.closeAll(CloseCode.serviceRestart, reason)
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
      const board = await this.options.persistence.load(this.boardId)
      // Held as bytes: joiners are served from them; decoded at the first change (docSource.ts).
      const log = board.updates.map((update) => update.data)
      this.source.hold(board.snapshot, log)
      this.applied.coverThrough(lastSeqOf(board))
      this.stored.loaded(board.snapshot?.byteLength ?? 0, log.map((update) => update.byteLength))
    } catch (error) {
      this.options.log.log('error', 'board load failed', { board: boardTag(this.boardId), ...errorFields(error) })
      this.closeAll(CloseCode.loadFailed, 'Board could not be loaded; try again later')
      this.destroy('failed')
      this.options.onFailed?.(this)
      return
    }
    this.state = 'ready'
    this.options.log.log('info', 'board loaded', {
      board: boardTag(this.boardId),
      updates: this.stored.logUpdates,
      decoded: !this.source.holdsBytes,
      ms: Date.now() - started,
    })
    // A long log (a crash, an import, an older server) is folded now, not at the first edit.
    await this.compactIfLogTooLong()
  }

  private async greet(socket: BoardSocket): Promise<void> {
    // Nothing about the document goes to a newcomer before what it holds is stored.
    await this.allStored()
    if (this.state !== 'ready' || !this.connections.has(socket)) return
    socket.send(encodeSyncStep1(this.source.stateVector()))
    if (this.presence.anyonePresent) socket.send(encodeAwareness(this.presence.everyone()))
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
        socket.send(encodeSyncStep2(this.source.diff(message.stateVector)))
        return
      case 'sync-step2':
      case 'sync-update': {
        // A handshake's empty step 2 changes nothing and is accepted from anyone: stored bytes stay undecoded.
        if (this.source.holdsBytes && scanUpdate(message.update).empty) return
        const { role } = this.connections.get(socket)!
        const verdict = judgeUpdateOn(this.options.kind, role, () => this.source.decoded(), message.update)
        if (verdict.action !== 'accept') {
          // No content, no token: the board tag, the role and why.
          this.options.log.log('warn', verdict.action === 'drop' ? 'update dropped' : 'update refused', {
            board: boardTag(this.boardId),
            doc: this.options.kind,
            role,
            why: verdict.why,
          })
          if (verdict.action === 'refuse') throw new RefusedUpdate(verdict.why)
          return
        }
        const limit = this.stored.limitPassedBy(message.update.byteLength)
        if (limit !== null) throw new DocumentFull(`the board reached its size limit of ${limit} bytes`)
        const changed = this.applyChanges(message.update, socket)
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

  private rejectFrame(socket: BoardSocket, error: unknown): void {
    if (error instanceof RefusedUpdate) {
      socket.close(CloseCode.forbidden, `Refused: ${error.message}; only the facilitator may change it.`)
      this.removeConnection(socket)
      return
    }
    if (error instanceof DocumentFull) {
      this.options.log.log('warn', 'update refused: board too large', {
        board: boardTag(this.boardId),
        bytes: this.stored.totalBytes,
        limit: this.options.maxDocumentBytes,
      })
      socket.close(CloseCode.documentTooLarge, `Refused: ${error.message}; make a copy of the board or remove content.`)
      this.removeConnection(socket)
      return
    }
    const code = error instanceof ProtocolError ? error.closeCode : CloseCode.malformedMessage
    const reason = error instanceof ProtocolError ? error.message : 'The message could not be applied.'
    this.options.log.log('warn', 'bad frame', { board: boardTag(this.boardId), code, ...errorFields(error) })
    socket.close(code, reason)
    this.removeConnection(socket)
  }

  /**
   * Applies `update` (decoding the stored bytes first if they are held) and tells whether the
   * doc changed. No `update` listener is attached while clients' updates are applied, so Yjs
   * does not encode each transaction again.
   */
  private applyChanges(update: Uint8Array, origin: unknown): boolean {
    return this.changes.apply(this.source.decoded(), update, origin, (partial) => {
      // Part of it was integrated before it failed: store and relay what was.
      if (origin === REMOTE_ORIGIN) this.broadcast(encodeSyncUpdate(partial), null)
      else this.enqueue({ update: partial, origin, relay: true })
    })
  }

  /** Runs `task` with the doc's update events stored and relayed (server-side writes, catch-up reads). */
  private async withUpdateEvents<T>(task: () => T | Promise<T>): Promise<T> {
    this.ydoc.on('update', this.onDocUpdate)
    try {
      return await task()
    } finally {
      this.ydoc.off('update', this.onDocUpdate)
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Decoding stored bytes is no change (callers decode before listening; this is the backstop).
    if (origin === STORAGE_ORIGIN) return
    // Another instance's change is stored already: only relay it to this instance's clients.
    if (origin === REMOTE_ORIGIN) return this.broadcast(encodeSyncUpdate(update), null)
    // Never store inside Yjs' event dispatch: queue it, the frame's handler flushes right after.
    this.enqueue({ update, origin, relay: true })
  }

  /** Queues an applied update for storage and counts it towards the log size. */
  private enqueue(update: PendingUpdate): void {
    this.commits.add(update)
    this.stored.appended(update.update.byteLength)
  }

  /** Resolves once every update applied so far is stored and relayed, or storing failed (the room is closed then). */
  private allStored(): Promise<void> {
    return this.commits.settled()
  }

  private relayStored(batch: PendingUpdate[], seqs: number[]): void {
    for (const [i, next] of batch.entries()) {
      const seq = seqs[i]!
      this.applied.add(seq)
      this.options.replication?.publishUpdate(this, seq, next.update)
      if (next.relay) this.broadcast(next.frame ?? encodeSyncUpdate(next.update), next.origin)
    }
  }

  private failStorage(cause: unknown): void {
    this.options.log.log('error', 'storing an update failed; closing the board', {
      board: boardTag(this.boardId),
      ...errorFields(cause),
    })
    this.storageError = cause
    this.closeAll(CloseCode.storageFailed, 'Storage failed; reconnect later')
    this.destroy('failed')
    this.options.onFailed?.(this)
  }

  private async compactIfLogTooLong(): Promise<void> {
    if (this.state !== 'ready' || !this.stored.wantsCompaction) return
    await this.compact('threshold')
  }

  /**
   * Folds the log into a snapshot. Only runs inside the queue, after every applied update is
   * stored: the doc holds everything stored through `applied.through` (and perhaps more
   * from other instances, which is harmless). A board with no log has nothing to fold and
   * stays undecoded.
   */
  private async compact(reason: string): Promise<void> {
    await this.allStored()
    if (this.state !== 'ready' || this.stored.logUpdates === 0) return
    this.stored.compactionStarted()
    const started = Date.now()
    try {
      const snapshot = Y.encodeStateAsUpdate(this.source.decoded())
      await this.options.persistence.compact(this.boardId, snapshot, this.applied.through)
      this.options.log.log('info', 'board compacted', {
        board: boardTag(this.boardId),
        reason,
        updates: this.stored.logUpdates,
        bytes: this.stored.totalBytes,
        ms: Date.now() - started,
      })
      this.stored.compacted(snapshot.byteLength)
    } catch (error) {
      // The log is intact (compaction is one transaction); try again after more growth.
      this.options.log.log('warn', 'compaction failed', { board: boardTag(this.boardId), reason, ...errorFields(error) })
    }
  }

  private removeConnection(socket: BoardSocket): void {
    if (!this.connections.delete(socket)) return
    if (this.state !== 'closed' && this.state !== 'failed') this.presence.leave(socket)
    if (this.connections.size === 0 && this.isOpen) this.options.onEmpty?.(this)
  }

  private broadcast(frame: Uint8Array, except: unknown): void {
    for (const socket of this.connections.keys()) {
      if (socket !== except) socket.send(frame)
    }
  }

  private closeAll(code: number, reason: string): void {
    const sockets = [...this.connections.keys()]
    this.connections.clear()
    for (const socket of sockets) socket.close(code, reason)
  }

  private destroy(state: 'closed' | 'failed'): void {
    this.state = state
    this.commits.stop()
    this.options.replication?.leave(this)
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.ydoc.off('update', this.onDocUpdate)
    this.changes.stop()
    this.presence.destroy()
    this.ydoc.destroy()
  }
}
