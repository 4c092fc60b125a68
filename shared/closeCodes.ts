/**
 * WebSocket close codes the server uses. 4000–4999 are application codes;
 * docs/protocol.md explains each one. Clients read them to decide whether to reconnect:
 * the y-websocket client stops after 4400–4499 (the client sent something wrong) and
 * retries after anything else (4500–4599: try again later).
 */
export const CloseCode = {
  /** Normal closure. */
  normal: 1000,
  /** Server shutting down or restarting, or the board unloading: reconnect shortly. */
  serviceRestart: 1012,
  /** A text frame was received; the protocol is binary only. */
  textFrame: 4400,
  /** The frame could not be decoded as a y-websocket message. */
  malformedMessage: 4401,
  /** The message type is not one of sync, awareness, auth, query-awareness. */
  unknownMessageType: 4402,
  /**
   * The connection may not do what it tried, or may no longer be here: its token was
   * rotated by the facilitator, or (only a tampered client) it changed the locked template
   * structure. Do not reconnect with the same link.
   */
  forbidden: 4403,
  /** The board reached MAX_DOCUMENT_BYTES; the update was not applied. Reconnecting would resend it. */
  documentTooLarge: 4413,
  /** The frame is larger than MAX_PAYLOAD_BYTES (sent by `ws` itself). */
  messageTooLarge: 1009,
  /** The board could not be loaded from storage. */
  loadFailed: 4500,
  /** An update could not be stored; it was not relayed. Reconnect later. */
  storageFailed: 4501,
  /** The board has MAX_CONNECTIONS_PER_BOARD connections already. Reconnect later. */
  boardFull: 4502,
  /** This server process holds MAX_BOARDS boards already. Reconnect later (perhaps to another instance). */
  serverFull: 4503,
  /** The connection sent more than RATE_MESSAGES_PER_SECOND messages or RATE_BYTES_PER_SECOND bytes a second. Reconnect later. */
  rateLimited: 4504,
} as const

export type CloseCodeName = keyof typeof CloseCode
