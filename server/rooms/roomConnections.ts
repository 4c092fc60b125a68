import type { BoardSocket } from './boardSocket'
import type { ConnectionAccess } from './updatePolicy'

/** The sockets joined to one room, each with the access its token granted. */
export class RoomConnections {
  private readonly sockets = new Map<BoardSocket, ConnectionAccess>()

  /** Number of open connections. */
  get size(): number {
    return this.sockets.size
  }

  add(socket: BoardSocket, access: ConnectionAccess): void {
    this.sockets.set(socket, access)
  }

  has(socket: BoardSocket): boolean {
    return this.sockets.has(socket)
  }

  /** The access of a joined socket. */
  accessOf(socket: BoardSocket): ConnectionAccess | undefined {
    return this.sockets.get(socket)
  }

  /** Forgets a socket; false when it was not joined (any more). */
  remove(socket: BoardSocket): boolean {
    return this.sockets.delete(socket)
  }

  /** The sockets whose access matches `which`. */
  where(which: (access: ConnectionAccess) => boolean): BoardSocket[] {
    return [...this.sockets].filter(([, access]) => which(access)).map(([socket]) => socket)
  }

  /** Sends `frame` to every socket but `except`. */
  broadcast(frame: Uint8Array, except: unknown): void {
    for (const socket of this.sockets.keys()) {
      if (socket !== except) socket.send(frame)
    }
  }

  /** Forgets every socket, then closes each with `code`. */
  closeAll(code: number, reason: string): void {
    const sockets = [...this.sockets.keys()]
    this.sockets.clear()
    for (const socket of sockets) socket.close(code, reason)
  }
}
