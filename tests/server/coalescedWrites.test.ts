import { createServer, connect, Socket as NetSocket, type Server, type Socket } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { coalescedWrites } from '../../server/ws/coalescedWrites'
import { waitFor } from '../support/waitFor'

// A relayed batch goes to each connection in one write (server/ws/coalescedWrites.ts).

let server: Server | null = null
const sockets: Socket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

/** A TCP connection to a local server, and everything the server has received on it. */
async function connection(): Promise<{ socket: Socket; received: () => string }> {
  let received = ''
  const accepted = new Promise<void>((resolve) => {
    server = createServer((peer) => {
      sockets.push(peer)
      peer.on('data', (chunk: Buffer) => (received += chunk.toString()))
      resolve()
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const address = server!.address()
  const socket = connect({ port: typeof address === 'object' && address ? address.port : 0, host: '127.0.0.1' })
  sockets.push(socket)
  await Promise.all([new Promise((resolve) => socket.once('connect', resolve)), accepted])
  return { socket, received: () => received }
}

/** The socket's system-level writes: how many, and the chunks each carried. */
function countWrites(socket: Socket): number[] {
  const writes: number[] = []
  const internals = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void }
  const write = internals._write.bind(socket)
  const writev = internals._writev.bind(socket)
  internals._write = (...args) => {
    writes.push(1)
    write(...args)
  }
  internals._writev = (...args) => {
    writes.push((args[0] as unknown[]).length)
    writev(...args)
  }
  return writes
}

const turnEnds = () => new Promise((resolve) => setImmediate(resolve))

describe('coalescedWrites', () => {
  it('sends what one turn writes as one write, in order', async () => {
    const { socket, received } = await connection()
    const writes = countWrites(socket)
    const frames = coalescedWrites(() => socket)
    for (const frame of ['step1|', 'update|', 'awareness|']) {
      frames.hold()
      socket.write(frame)
    }
    await turnEnds()
    expect(writes).toEqual([3])
    await waitFor('all three frames received', () => received().length === 23)
    expect(received()).toBe('step1|update|awareness|')
  })

  it('holds each turn on its own: a later turn is written in that turn', async () => {
    const { socket, received } = await connection()
    const writes = countWrites(socket)
    const frames = coalescedWrites(() => socket)
    frames.hold()
    socket.write('first|')
    await turnEnds()
    expect(writes).toEqual([1])
    frames.hold()
    socket.write('second|')
    frames.hold()
    socket.write('third|')
    await turnEnds()
    expect(writes).toEqual([1, 2])
    await waitFor('the three frames of both turns received', () => received().length === 19)
    expect(received()).toBe('first|second|third|')
  })

  it("finds ws's TCP socket where the websocket endpoint looks for it", async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    try {
      await new Promise((resolve) => wss.once('listening', resolve))
      const joined = new Promise<WebSocket>((resolve) => wss.once('connection', resolve))
      const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`)
      const [ws] = await Promise.all([joined, new Promise((resolve) => client.once('open', resolve))])
      expect((ws as unknown as { _socket?: unknown })._socket).toBeInstanceOf(NetSocket)
      client.close()
    } finally {
      await new Promise((resolve) => wss.close(resolve))
    }
  })

  it('writes at once when the connection has no socket (yet)', () => {
    const rawSocket = vi.fn(() => null)
    const frames = coalescedWrites(rawSocket)
    expect(() => frames.hold()).not.toThrow()
    frames.hold()
    expect(rawSocket).toHaveBeenCalledTimes(2)
  })
})
