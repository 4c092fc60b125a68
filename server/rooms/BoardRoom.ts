import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { boardTag, errorFields, type Logger } from '../log'
import { lastSeqOf, type PersistenceAdapter } from '../persistence/adapter'
import type { BoardConnection, BoardSocket } from './boardSocket'
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
  type ClientMessage,
} from './protocol'
import { SerialQueue } from './serialQueue'

/** What a room needs from the server around it. */
export interface BoardRoomOptions {
  boardId: string
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
}

type RoomState = 'loading' | 'ready' | 'failed' | 'closed'

/** An update waiting to be stored and, when `relay`, sent to the other connections. */
interface PendingUpdate {
  update: Uint8Array
  origin: unknown
  relay: boolean
}

/** Thrown inside the queue when the backend refused an append. */
class StorageFailure extends Error {
  override readonly cause: unknown
  constructor(cause: unknown) {
    super('Storing an update failed')
    this.cause = cause
  }
}

/**
 * One board in memory: its Y.Doc, the awareness of the people on it, and their
 * connections. Guarantees: the board is loaded before any client message is answered;
 * every update is stored before it is relayed or served; a storage failure closes the
 * room rather than serve anything unstored.
 */
export class BoardRoom {
  readonly boardId: string
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Each connection with the awareness client ids it controls. */
  private readonly connections = new Map<BoardSocket, Set<number>>()
  private readonly queue = new SerialQueue()
  private readonly pending: PendingUpdate[] = []
  private state: RoomState = 'loading'
  private lastSeq = 0
  /** Log size since the last snapshot, for compaction. */
  private logUpdates = 0
  private logBytes = 0
  /** Log growth since the last compaction attempt, so a failing backend is not retried on every update. */
  private growthUpdates = 0
  private growthBytes = 0

  constructor(private readonly options: BoardRoomOptions) {
    this.boardId = options.boardId
    // The server is no participant: it holds no awareness state of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    void this.run(() => this.load())
  }

  /** Number of open connections. */
  get size(): number {
    return this.connections.size
  }

  /** True while the room can take connections. */
  get isOpen(): boolean {
    return this.state === 'loading' || this.state === 'ready'
  }

  /** Resolves once every message received so far has been handled. */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  /** Joins a client. Its messages are queued until the board is loaded. */
  connect(socket: BoardSocket): BoardConnection {
    if (!this.isOpen) {
      // The registry never hands out a closed room; refuse rather than leave a client hanging.
      socket.close(CloseCode.serviceRestart, 'Board is closing; reconnect')
      return { receive: () => {}, disconnect: () => {} }
    }
    this.connections.set(socket, new Set())
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

  /** Persists, compacts and forgets the board; used when it has been empty for a while. */
  unload(): Promise<void> {
    return this.queue.run(async () => {
      if (this.state !== 'ready' && this.state !== 'loading') return
      await this.compact('unload')
      this.closeAll(CloseCode.serviceRestart, 'Board unloaded')
      this.destroy('closed')
    })
  }

  /** Persists and compacts, then closes every connection with 1012 (server restarting). */
  shutdown(): Promise<void> {
    return this.queue.run(async () => {
      if (this.state !== 'ready' && this.state !== 'loading') return
      await this.compact('shutdown')
      this.closeAll(CloseCode.serviceRestart, 'Server restarting')
      this.destroy('closed')
    })
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
      const board = await this.options.persistence.load(this.boardId)
      const parts = [board.snapshot, ...board.updates.map((u) => u.data)].filter((p): p is Uint8Array => p !== null)
      if (parts.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(parts), 'storage')
      this.lastSeq = lastSeqOf(board)
      this.logUpdates = this.growthUpdates = board.updates.length
      this.logBytes = this.growthBytes = board.updates.reduce((sum, u) => sum + u.data.byteLength, 0)
    } catch (error) {
      this.options.log.log('error', 'board load failed', { board: boardTag(this.boardId), ...errorFields(error) })
      this.closeAll(CloseCode.loadFailed, 'Board could not be loaded; try again later')
      this.destroy('failed')
      this.options.onFailed?.(this)
      return
    }
    // Listen only after loading: loaded content is already stored.
    this.doc.on('update', this.onDocUpdate)
    this.state = 'ready'
    this.options.log.log('info', 'board loaded', {
      board: boardTag(this.boardId),
      updates: this.logUpdates,
      ms: Date.now() - started,
    })
  }

  private greet(socket: BoardSocket): void {
    if (this.state !== 'ready' || !this.connections.has(socket)) return
    socket.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length > 0) {
      socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
    }
  }

  private async handleFrame(socket: BoardSocket, frame: Uint8Array): Promise<void> {
    if (this.state !== 'ready' || !this.connections.has(socket)) return
    let message: ClientMessage
    try {
      message = decodeClientMessage(frame)
      this.apply(socket, message)
    } catch (error) {
      this.rejectFrame(socket, error)
      // Part of a bad update may have been applied before it failed: store what was.
    }
    try {
      await this.storePending()
    } catch (error) {
      this.failStorage(error)
      return
    }
    await this.compactIfLogTooLong()
  }

  private apply(socket: BoardSocket, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step1':
        socket.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)))
        return
      case 'sync-step2':
      case 'sync-update':
        Y.applyUpdate(this.doc, message.update, socket)
        // Structs waiting for a missing dependency raise no update event, yet sync step 2
        // answers include them: store the raw update so nothing served is unstored.
        if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
          this.pending.push({ update: message.update, origin: socket, relay: false })
        }
        return
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, socket)
        return
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()]
        socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
        return
      }
      case 'auth':
        return
    }
  }

  private rejectFrame(socket: BoardSocket, error: unknown): void {
    const code = error instanceof ProtocolError ? error.closeCode : CloseCode.malformedMessage
    const reason = error instanceof ProtocolError ? error.message : 'The message could not be applied.'
    this.options.log.log('warn', 'bad frame', { board: boardTag(this.boardId), code, ...errorFields(error) })
    socket.close(code, reason)
    this.removeConnection(socket)
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Never store inside Yjs' event dispatch: queue it, storePending runs right after.
    this.pending.push({ update, origin, relay: true })
  }

  /** Stores queued updates in order, relaying each only after its append succeeded. */
  private async storePending(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending.shift()!
      let seq: number
      try {
        const appended = this.options.persistence.appendUpdate(this.boardId, next.update)
        seq = typeof appended === 'number' ? appended : await appended
      } catch (error) {
        throw new StorageFailure(error)
      }
      this.lastSeq = seq
      this.logUpdates += 1
      this.growthUpdates += 1
      this.logBytes += next.update.byteLength
      this.growthBytes += next.update.byteLength
      if (next.relay) this.broadcast(encodeSyncUpdate(next.update), next.origin)
    }
  }

  private failStorage(error: unknown): void {
    const cause = error instanceof StorageFailure ? error.cause : error
    this.options.log.log('error', 'storing an update failed; closing the board', {
      board: boardTag(this.boardId),
      ...errorFields(cause),
    })
    this.pending.length = 0
    this.closeAll(CloseCode.storageFailed, 'Storage failed; reconnect later')
    this.destroy('failed')
    this.options.onFailed?.(this)
  }

  private async compactIfLogTooLong(): Promise<void> {
    if (this.state !== 'ready') return
    const { compactAfterUpdates, compactAfterBytes } = this.options
    if (this.growthUpdates < compactAfterUpdates && this.growthBytes < compactAfterBytes) return
    await this.compact('threshold')
  }

  /** Folds the log into a snapshot. Only runs inside the queue, after storePending: the doc holds exactly what is stored through lastSeq. */
  private async compact(reason: string): Promise<void> {
    if (this.state !== 'ready' || this.logUpdates === 0) return
    this.growthUpdates = 0
    this.growthBytes = 0
    const started = Date.now()
    try {
      await this.options.persistence.compact(this.boardId, Y.encodeStateAsUpdate(this.doc), this.lastSeq)
      this.options.log.log('info', 'board compacted', {
        board: boardTag(this.boardId),
        reason,
        updates: this.logUpdates,
        bytes: this.logBytes,
        ms: Date.now() - started,
      })
      this.logUpdates = 0
      this.logBytes = 0
    } catch (error) {
      // The log is intact (compaction is one transaction); try again after more growth.
      this.options.log.log('warn', 'compaction failed', { board: boardTag(this.boardId), reason, ...errorFields(error) })
    }
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.connections.get(origin as BoardSocket)
    if (controlled) {
      for (const id of added) controlled.add(id)
      for (const id of removed) controlled.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    // Sent to everyone, the sender too, as the reference server does: the echo is what
    // keeps a lone client's "no message for 30 s" watchdog from reconnecting.
    this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)), null)
  }

  private removeConnection(socket: BoardSocket): void {
    const controlled = this.connections.get(socket)
    if (!controlled) return
    this.connections.delete(socket)
    if (controlled.size > 0 && this.state !== 'closed' && this.state !== 'failed') {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null)
    }
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
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
