import { CloseCode } from '../../shared/closeCodes'
import { TokenBucket } from './tokenBucket'

/** The limits one server process enforces on websocket clients (server/config.ts has the defaults). */
export interface ConnectionLimits {
  /** Frames a connection may send per second (bursts of twice that pass). */
  messagesPerSecond: number
  /** Bytes a connection may send per second (a burst of one largest frame always passes). */
  bytesPerSecond: number
  /** Connections to one board document. */
  connectionsPerBoard: number
  /** Boards with a document loaded in this process. */
  boardsPerProcess: number
  /** Largest frame (ws maxPayload), so the byte bucket can hold one. */
  maxPayloadBytes: number
}

/** Why a connection is closed, for the close frame, the log line and the metric label. */
export interface LimitRefusal {
  code: number
  reason: string
  /** Metric label and log field. */
  limit: 'connectionsPerBoard' | 'boardsPerProcess' | 'rate'
}

/** What admission needs to know about the loaded boards. */
export interface LoadedBoards {
  /** Connections to the document, or undefined when it is not loaded. */
  connectionsTo(docId: string): number | undefined
  /** Boards with at least one document loaded. */
  readonly boardCount: number
}

/** Decides whether a new connection to `docId` may join; null when it may. */
export function admitConnection(loaded: LoadedBoards, docId: string, limits: ConnectionLimits): LimitRefusal | null {
  const connections = loaded.connectionsTo(docId)
  if (connections === undefined) {
    // A board's second document (its session) is no new board: only refuse truly new boards.
    const boardLoaded = loaded.connectionsTo(docId.split(':')[0]!) !== undefined
    if (!boardLoaded && loaded.boardCount >= limits.boardsPerProcess) {
      return {
        code: CloseCode.serverFull,
        reason: 'This server holds as many boards as it may; try again shortly.',
        limit: 'boardsPerProcess',
      }
    }
    return null
  }
  if (connections >= limits.connectionsPerBoard) {
    return {
      code: CloseCode.boardFull,
      reason: `This board already has ${limits.connectionsPerBoard} connections; try again later.`,
      limit: 'connectionsPerBoard',
    }
  }
  return null
}

/** Per-connection rate limit on messages and bytes; `accept` answers whether a frame of `bytes` is within it. */
export function createRateLimit(limits: ConnectionLimits): { accept(bytes: number): LimitRefusal | null } {
  const messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2)
  const bytes = new TokenBucket(limits.bytesPerSecond, Math.max(limits.bytesPerSecond * 2, limits.maxPayloadBytes))
  return {
    accept(size) {
      if (messages.take(1) && bytes.take(size)) return null
      return {
        code: CloseCode.rateLimited,
        reason: `Too many messages: at most ${limits.messagesPerSecond} messages and ${limits.bytesPerSecond} bytes a second.`,
        limit: 'rate',
      }
    },
  }
}
