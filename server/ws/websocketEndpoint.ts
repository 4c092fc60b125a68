import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { isValidBoardId } from '../../shared/boardId'
import { CloseCode } from '../../shared/closeCodes'
import { boardTag, errorFields, type Logger } from '../log'
import type { BoardSocket } from '../rooms/boardSocket'
import type { RoomRegistry } from '../rooms/RoomRegistry'

/** What the websocket endpoint needs. */
export interface WebsocketEndpointOptions {
  registry: RoomRegistry
  log: Logger
  maxPayloadBytes: number
  pingIntervalMs: number
}

/** The running endpoint. */
export interface WebsocketEndpoint {
  /** Stops heartbeats and closes the websocket server (rooms close their own sockets first). */
  close(): Promise<void>
}

const WS_PREFIX = '/ws/'

/**
 * Serves `ws://host:port/ws/<boardId>` on `server`. The board id is checked at the HTTP
 * upgrade: a bad id gets 400 and an unknown path 404 before any websocket or document exists.
 */
export function attachWebsocketEndpoint(server: Server, options: WebsocketEndpointOptions): WebsocketEndpoint {
  const { registry, log } = options
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, perMessageDeflate: false })
  const alive = new WeakMap<WebSocket, boolean>()

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    // The raw path, not a normalised URL: "/ws/.." must reach the id check, not become "/".
    const pathname = (req.url ?? '/').split('?')[0] ?? '/'
    if (!pathname.startsWith(WS_PREFIX)) {
      return refuseUpgrade(socket, 404, 'Not Found', `No websocket endpoint at ${pathname.slice(0, 80)}; use /ws/<boardId>.`)
    }
    const boardId = pathname.slice(WS_PREFIX.length)
    if (!isValidBoardId(boardId)) {
      return refuseUpgrade(
        socket,
        400,
        'Bad Request',
        'Invalid board id: expected 16 to 64 characters from A-Z, a-z, 0-9, "-" and "_".',
      )
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, boardId))
  })

  function onConnection(ws: WebSocket, boardId: string): void {
    alive.set(ws, true)
    ws.on('pong', () => alive.set(ws, true))
    ws.on('error', (error) => {
      // ws closes the socket itself (e.g. 1009 for an oversize frame); only log it.
      log.log('warn', 'websocket error', { board: boardTag(boardId), ...errorFields(error) })
    })
    const socket: BoardSocket = {
      send(data) {
        if (ws.readyState === ws.OPEN) ws.send(data)
      },
      close(code, reason) {
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, closeReason(reason))
      },
    }
    let connection
    try {
      connection = registry.connect(boardId, socket)
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
        joined.receive(toBytes(data))
      } catch (error) {
        log.log('error', 'message handling failed', { board: boardTag(boardId), ...errorFields(error) })
        socket.close(CloseCode.malformedMessage, 'The message could not be handled.')
      }
    })
    log.log('info', 'client connected', { board: boardTag(boardId) })
    ws.on('close', (code: number) => {
      log.log('info', 'client disconnected', { board: boardTag(boardId), code })
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
