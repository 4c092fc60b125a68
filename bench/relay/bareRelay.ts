/**
 * The floor of the relay benchmark: a websocket server that forwards every frame to the
 * other sockets of the same room (the URL path) without decoding it. It keeps no document,
 * so a late joiner learns the board only from its peers' sync answers.
 * Run: `PORT=0 node --import tsx bench/relay/bareRelay.ts` (prints the bound port).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

const rooms = new Map<string, Set<WebSocket>>()
const server = createServer((_req, res) => res.end('bare relay'))
const wss = new WebSocketServer({ server })

wss.on('connection', (socket, request) => {
  const room = (request.url ?? '/').split('?')[0]!
  let peers = rooms.get(room)
  if (!peers) rooms.set(room, (peers = new Set()))
  peers.add(socket)
  socket.on('message', (data, isBinary) => {
    for (const peer of peers) if (peer !== socket && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary })
  })
  socket.on('close', () => {
    peers.delete(socket)
    if (peers.size === 0) rooms.delete(room)
  })
})

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`bare relay listening on ${(server.address() as AddressInfo).port}`)
})
process.on('SIGTERM', () => {
  for (const socket of wss.clients) socket.terminate()
  server.close(() => process.exit(0))
})
