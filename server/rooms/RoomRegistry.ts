import { boardTag, errorFields, type Logger } from '../log'
import type { PersistenceAdapter } from '../persistence/adapter'
import { BoardRoom } from './BoardRoom'
import type { BoardConnection, BoardSocket } from './boardSocket'

/** Settings the registry passes on to its rooms. */
export interface RoomRegistryOptions {
  persistence: PersistenceAdapter
  log: Logger
  compactAfterUpdates: number
  compactAfterBytes: number
  /** How long an empty board stays loaded, so a quick reload does not reload it from storage. */
  unloadDelayMs: number
}

/**
 * The boards loaded in one server. Creates a room on a board's first connection, unloads
 * it `unloadDelayMs` after its last connection left (persisting and compacting first),
 * and makes a board's next room wait until the previous one has finished unloading.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, BoardRoom>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly unloadTimers = new Map<BoardRoom, NodeJS.Timeout>()
  private closed = false

  constructor(private readonly options: RoomRegistryOptions) {}

  /** Joins `socket` to the board, loading the board if needed. */
  connect(boardId: string, socket: BoardSocket): BoardConnection {
    if (this.closed) throw new Error('The room registry is shut down; no new connections are accepted.')
    let room = this.rooms.get(boardId)
    if (!room || !room.isOpen) {
      room = this.createRoom(boardId)
    }
    this.cancelUnload(room)
    return room.connect(socket)
  }

  /** The loaded room of a board, if any (for tests and diagnostics). */
  room(boardId: string): BoardRoom | undefined {
    return this.rooms.get(boardId)
  }

  /** Number of loaded boards. */
  get size(): number {
    return this.rooms.size
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

  private createRoom(boardId: string): BoardRoom {
    const room = new BoardRoom({
      boardId,
      persistence: this.options.persistence,
      log: this.options.log,
      compactAfterUpdates: this.options.compactAfterUpdates,
      compactAfterBytes: this.options.compactAfterBytes,
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
