import type * as Y from 'yjs'
import type { BoardDocKind } from '../../shared/access/roles'
import { boardTag, errorFields, type Logger } from '../log'
import { CloseCode } from '../../shared/closeCodes'
import { docIdFor, type PersistenceAdapter, type RoleGenerations } from '../persistence/adapter'
import { BoardRoom } from './BoardRoom'
import type { BoardConnection, BoardSocket } from './boardSocket'
import type { ConnectionAccess } from './updatePolicy'
import type { Replication } from '../scaleout/replication'

/** Settings the registry passes on to its rooms. */
export interface RoomRegistryOptions {
  persistence: PersistenceAdapter
  log: Logger
  compactAfterUpdates: number
  compactAfterBytes: number
  /** Long logs are compacted once a board has had no update for this long (unset: at once). */
  compactQuietMs?: number
  /** How long an empty board stays loaded, so a quick reload does not reload it from storage. */
  unloadDelayMs: number
  /** Scale-out: shares documents with other instances. */
  replication?: Replication
  /** Rooms refuse client updates once a document is this big. */
  maxDocumentBytes?: number
}

const REVOKED_REASON = 'This board link was replaced by the facilitator; ask for the new link.'

/**
 * The board documents loaded in one server, one room per document (a board's content and
 * its session state are two rooms, keyed by `docIdFor`). Creates a room on a document's
 * first connection or use, unloads it `unloadDelayMs` after it was last needed (persisting
 * and compacting first), and makes a document's next room wait until the previous one has
 * finished unloading.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, BoardRoom>()
  /** Generations of the last rotation per board (rotated boards only; a handful of entries). */
  private readonly revoked = new Map<string, RoleGenerations>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly unloadTimers = new Map<BoardRoom, NodeJS.Timeout>()
  private closed = false

  constructor(private readonly options: RoomRegistryOptions) {}

  /** Joins `socket` to a board's document of `kind`, loading it if needed. */
  connect(boardId: string, socket: BoardSocket, access: ConnectionAccess, kind: BoardDocKind = 'board'): BoardConnection {
    const revoked = this.revoked.get(boardId)
    if (revoked && access.generation < revoked[access.role]) {
      // Its token was checked at the upgrade, but a rotation finished while it was upgrading.
      socket.close(CloseCode.forbidden, REVOKED_REASON)
      return { receive: () => {}, disconnect: () => {} }
    }
    const room = this.roomFor(boardId, kind)
    return room.connect(socket, access)
  }

  /**
   * After a rotation: closes (4403) every connection to the board opened with an older
   * generation, and refuses such connections that are still upgrading. Resolves with how many were closed.
   */
  revokeOlderTokens(boardId: string, generations: RoleGenerations): Promise<number> {
    this.revoked.set(boardId, generations)
    return this.closeConnections(boardId, (a) => a.generation < generations[a.role], CloseCode.forbidden, REVOKED_REASON)
  }

  /**
   * Runs `task` on a board document inside its room (loading it if needed; see
   * BoardRoom.use): what it writes is stored and relayed to everyone connected.
   */
  async use<T>(boardId: string, kind: BoardDocKind, task: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const room = this.roomFor(boardId, kind)
    try {
      return await room.use(task)
    } finally {
      if (room.size === 0 && room.isOpen && this.rooms.get(room.boardId) === room) this.scheduleUnload(room)
    }
  }

  /** Closes the connections to both documents of a board whose access matches `which`; resolves with how many. */
  async closeConnections(boardId: string, which: (access: ConnectionAccess) => boolean, code: number, reason: string): Promise<number> {
    const rooms = (['board', 'session'] as const).map((kind) => this.rooms.get(docIdFor(boardId, kind)))
    const counts = await Promise.all(rooms.map((room) => room?.closeConnections(which, code, reason) ?? 0))
    return counts.reduce((a, b) => a + b, 0)
  }

  /** The loaded room of a document by its doc id (board id for the content), if any (for tests and diagnostics). */
  room(docId: string): BoardRoom | undefined {
    return this.rooms.get(docId)
  }

  /** Number of loaded boards. */
  get size(): number {
    return this.rooms.size
  }

  /** Boards with at least one document loaded (doc ids are `<boardId>` or `<boardId>:<kind>`). */
  get boardCount(): number {
    return new Set([...this.rooms.keys()].map((docId) => docId.split(':')[0])).size
  }

  /** Connections to a loaded document, or undefined when it is not loaded (limits). */
  connectionsTo(docId: string): number | undefined {
    const room = this.rooms.get(docId)
    return room?.isOpen ? room.size : undefined
  }

  /** Resolves when every unload started so far has finished. */
  async unloadsSettled(): Promise<void> {
    await Promise.all(this.unloading.values())
  }

  /** Persists, compacts and closes every board (connections get 1012). */
  async shutdown(): Promise<void> {
    this.closed = true
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    const rooms = [...this.rooms.values()]
    this.rooms.clear()
    await Promise.all([...rooms.map((room) => room.shutdown()), ...this.unloading.values()])
  }

  private roomFor(boardId: string, kind: BoardDocKind): BoardRoom {
    if (this.closed) throw new Error('The room registry is shut down; no new connections are accepted.')
    const docId = docIdFor(boardId, kind)
    let room = this.rooms.get(docId)
    if (!room || !room.isOpen) {
      room = this.createRoom(docId, kind)
    }
    this.cancelUnload(room)
    return room
  }

  private createRoom(boardId: string, kind: BoardDocKind): BoardRoom {
    const room = new BoardRoom({
      boardId,
      kind,
      persistence: this.options.persistence,
      log: this.options.log,
      compactAfterUpdates: this.options.compactAfterUpdates,
      compactAfterBytes: this.options.compactAfterBytes,
      compactQuietMs: this.options.compactQuietMs,
      replication: this.options.replication,
      maxDocumentBytes: this.options.maxDocumentBytes,
      after: this.unloading.get(boardId),
      onEmpty: (r) => this.scheduleUnload(r),
      onFailed: (r) => this.forget(r),
    })
    this.rooms.set(boardId, room)
    return room
  }

  private scheduleUnload(room: BoardRoom): void {
    this.cancelUnload(room)
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room)
      if (room.size > 0 || this.rooms.get(room.boardId) !== room) return
      this.rooms.delete(room.boardId)
      const done = room
        .unload()
        .catch((error: unknown) => {
          this.options.log.log('error', 'board unload failed', { board: boardTag(room.boardId), ...errorFields(error) })
        })
        .finally(() => {
          if (this.unloading.get(room.boardId) === done) this.unloading.delete(room.boardId)
        })
      this.unloading.set(room.boardId, done)
    }, this.options.unloadDelayMs)
    timer.unref?.()
    this.unloadTimers.set(room, timer)
  }

  private cancelUnload(room: BoardRoom): void {
    const timer = this.unloadTimers.get(room)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(room)
  }

  private forget(room: BoardRoom): void {
    this.cancelUnload(room)
    if (this.rooms.get(room.boardId) === room) this.rooms.delete(room.boardId)
  }
}
