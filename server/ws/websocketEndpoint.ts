import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { BoardDocKind } from '../../shared/access/roles'
import { isValidBoardId } from '../../shared/boardId'
import { CloseCode } from '../../shared/closeCodes'
import { REFUSAL_MESSAGES, type BoardAccess } from '../access/boardAccess'
import { boardTag, errorFields, type Logger } from '../log'
import { coalescedWrites } from './coalescedWrites'
import { isOriginAllowed } from './originCheck'
import type { BoardSocket } from '../rooms/boardSocket'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import type { ConnectionAccess } from '../rooms/updatePolicy'
import { admitConnection, createRateLimit, type ConnectionLimits } from '../limits/connectionLimits'
import { rejectionReason } from '../metrics/rejections'
import type { ServerMetrics } from '../metrics/serverMetrics'
import { docIdFor } from '../persistence/adapter'

/** What the websocket endpoint needs. */
export interface WebsocketEndpointOptions {
  registry: RoomRegistry
  access: BoardAccess
  log: Logger
  maxPayloadBytes: number
  pingIntervalMs: number
  /** Origins besides the server's own and localhost whose pages may connect (server/ws/originCheck.ts). */
  allowedOrigins?: readonly string[]
  /** Per-connection rate, connections per board, boards per process; none when absent. */
  limits?: ConnectionLimits
  metrics?: ServerMetrics
}

/** The running endpoint. */
export interface WebsocketEndpoint {
  /** Stops heartbeats and closes the websocket server (rooms close their own sockets first). */
  close(): Promise<void>
}

const WS_PREFIX = '/ws/'
const SESSION_SUFFIX = '/session'

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }

/** The board and document a websocket path names: `<id>` (content) or `<id>/session`. */
function parseDocPath(rest: string): { boardId: string; kind: BoardDocKind } {
  if (rest.endsWith(SESSION_SUFFIX) && isValidBoardId(rest.slice(0, -SESSION_SUFFIX.length))) {
    return { boardId: rest.slice(0, -SESSION_SUFFIX.length), kind: 'session' }
  }
  return { boardId: rest, kind: 'board' }
}

/**
 * Serves `ws://host:port/ws/<boardId>[/session]?token=<token>` on `server`. Everything is
 * checked at the HTTP upgrade, before any websocket or document exists: a bad id gets 400,
 * an unknown path 404, a token that is not genuine 401, a genuine one for another board or
 * an older generation 403, a board never created 404.
 */
export function attachWebsocketEndpoint(server: Server, options: WebsocketEndpointOptions): WebsocketEndpoint {
  const { registry, log, metrics } = options
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, perMessageDeflate: false })
  const alive = new WeakMap<WebSocket, boolean>()

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    // The raw path, not a normalised URL: "/ws/.." must reach the id check, not become "/".
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt)
    const query = queryAt < 0 ? '' : url.slice(queryAt + 1)
    if (!pathname.startsWith(WS_PREFIX)) {
      return refuseUpgrade(socket, 404, 'Not Found', `No websocket endpoint at ${pathname.slice(0, 80)}; use /ws/<boardId>.`)
    }
    if (!isOriginAllowed(req.headers.origin, req.headers.host, options.allowedOrigins ?? [])) {
      log.log('warn', 'websocket refused', { reason: 'origin', origin: String(req.headers.origin).slice(0, 100) })
      return refuseUpgrade(socket, 403, 'Forbidden', 'Pages from this origin may not open boards here; the operator can add it to ALLOWED_ORIGINS.')
    }
    const { boardId, kind } = parseDocPath(pathname.slice(WS_PREFIX.length))
    if (!isValidBoardId(boardId)) {
      return refuseUpgrade(
        socket,
        400,
        'Bad Request',
        'Invalid board id: expected 16 to 64 characters from A-Z, a-z, 0-9, "-" and "_".',
      )
    }
    const token = new URLSearchParams(query).get('token')
    options.access.authorize(boardId, token).then(
      (result) => {
        if (socket.destroyed) return
        if (!result.ok) {
          const { status, reason } = result.refusal
          log.log('warn', 'websocket refused', { board: boardTag(boardId), doc: kind, status, reason })
          if (status === 401 || status === 403) metrics?.authFailures.inc({ reason })
          return refuseUpgrade(socket, status, STATUS_TEXT[status] ?? 'Forbidden', REFUSAL_MESSAGES[reason])
        }
        const access: ConnectionAccess = { role: result.access.role, generation: result.access.generation }
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, boardId, kind, access))
      },
      (error: unknown) => {
        log.log('error', 'websocket access check failed', { board: boardTag(boardId), ...errorFields(error) })
        refuseUpgrade(socket, 503, 'Service Unavailable', 'The board could not be checked; try again shortly.')
      },
    )
  })

  function onConnection(ws: WebSocket, boardId: string, kind: BoardDocKind, access: ConnectionAccess): void {
    alive.set(ws, true)
    ws.on('pong', () => alive.set(ws, true))
    ws.on('error', (error) => {
      // ws closes the socket itself (e.g. 1009 for an oversize frame); only log it.
      log.log('warn', 'websocket error', { board: boardTag(boardId), ...errorFields(error) })
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        metrics?.rejectedMessages.inc({ reason: 'messageTooLarge' })
      }
    })
    const frames = coalescedWrites(() => (ws as unknown as { _socket?: Duplex | null })._socket)
    const socket: BoardSocket = {
      send(data) {
        if (ws.readyState !== ws.OPEN) return
        frames.hold()
        ws.send(data)
        metrics?.countSent(data.byteLength)
      },
      close(code, reason) {
        if (ws.readyState !== ws.OPEN && ws.readyState !== ws.CONNECTING) return
        const rejected = rejectionReason(code)
        if (rejected) metrics?.rejectedMessages.inc({ reason: rejected })
        ws.close(code, closeReason(reason))
      },
    }
    const refusal = options.limits && admitConnection(registry, docIdFor(boardId, kind), options.limits)
    if (refusal) {
      log.log('warn', 'connection refused by a limit', { board: boardTag(boardId), doc: kind, limit: refusal.limit, code: refusal.code })
      metrics?.refusedConnections.inc({ reason: refusal.limit })
      socket.close(refusal.code, refusal.reason)
      return
    }
    const rate = options.limits && createRateLimit(options.limits)
    let connection
    try {
      connection = registry.connect(boardId, socket, access, kind)
    } catch (error) {
      log.log('warn', 'connection refused', { board: boardTag(boardId), ...errorFields(error) })
      socket.close(CloseCode.serviceRestart, 'Server shutting down')
      return
    }
    const joined = connection
    ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        if (!isBinary) {
          socket.close(CloseCode.textFrame, 'Text frames are not supported; send binary y-websocket messages.')
          joined.disconnect()
          return
        }
        if (ws.readyState !== ws.OPEN) return // closed by a limit a moment ago
        const frame = toBytes(data)
        metrics?.countReceived(frame.byteLength)
        const overRate = rate?.accept(frame.byteLength)
        if (overRate) {
          log.log('warn', 'connection over its rate limit', { board: boardTag(boardId), doc: kind, code: overRate.code })
          socket.close(overRate.code, overRate.reason)
          joined.disconnect()
          return
        }
        joined.receive(frame)
      } catch (error) {
        log.log('error', 'message handling failed', { board: boardTag(boardId), ...errorFields(error) })
        socket.close(CloseCode.malformedMessage, 'The message could not be handled.')
      }
    })
    log.log('info', 'client connected', { board: boardTag(boardId), doc: kind, role: access.role })
    metrics?.connections.inc()
    ws.on('close', (code: number) => {
      metrics?.connections.dec()
      log.log('info', 'client disconnected', { board: boardTag(boardId), doc: kind, code })
      joined.disconnect()
    })
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate() // missed the last pong: dead peer or network
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, options.pingIntervalMs)
  heartbeat.unref()

  return {
    async close() {
      clearInterval(heartbeat)
      // Give clients a moment to answer the close handshake, then cut the rest.
      const deadline = Date.now() + 1000
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((done) => wss.close(() => done()))
    },
  }
}

function refuseUpgrade(socket: Duplex, status: number, statusText: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/** A close reason must fit 123 bytes of UTF-8. */
function closeReason(reason: string): string {
  let cut = reason
  while (Buffer.byteLength(cut) > 123) cut = cut.slice(0, -1)
  return cut
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
