/**
 * The only things a room needs from a client connection. The websocket layer adapts a
 * `ws` socket to it; tests use an in-memory pair, so room logic runs without a network.
 */
export interface BoardSocket {
  /** Sends one binary frame; a socket that is already closing drops it. */
  send(data: Uint8Array): void
  /** Closes the connection with a close code from shared/closeCodes.ts. */
  close(code: number, reason: string): void
}

/** What the transport calls on a joined connection. */
export interface BoardConnection {
  /** One binary frame arrived from the client. */
  receive(frame: Uint8Array): void
  /** The transport closed (client left, socket died, or we closed it). Idempotent. */
  disconnect(): void
}
