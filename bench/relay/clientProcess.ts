/**
 * A child process hosting several official y-websocket clients on one board for the relay
 * benchmark. Each client writes a ~500-byte tldraw note record (the client's record layout)
 * at a fixed rate, stamped with the wall clock; every client records when the others' notes
 * arrive. Driven over IPC by relay/relayBench.ts (messages in relay/protocol.ts).
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { createYRecord, getRecordsMap, type YRecord } from '../../client/src/sync/recordLayout'
import { noteRecord } from '../lib/boardRecords'
import { wallClockMs, type FromClients, type ToClients } from './protocol'

interface BenchClient {
  index: number
  doc: Y.Doc
  provider: WebsocketProvider
}

// Each provider adds a process 'exit' listener; dozens of clients share this process.
process.setMaxListeners(0)

const clients: BenchClient[] = []
const latencies: number[] = []
let measureFrom = Number.POSITIVE_INFINITY
let measureUntil = Number.POSITIVE_INFINITY
let measuredWrites = 0
let measuredDeliveries = 0

function send(message: FromClients): void {
  process.send?.(message)
}

function sentAtOf(yRecord: YRecord | undefined): number | undefined {
  const meta = yRecord?.get('meta')
  const sentAt = meta instanceof Y.Map ? meta.get('sentAt') : undefined
  return typeof sentAt === 'number' ? sentAt : undefined
}

function connect(message: Extract<ToClients, { type: 'connect' }>): Promise<void> {
  const { address } = message
  const ready: Promise<void>[] = []
  for (let i = 0; i < message.clients; i++) {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(address.serverUrl, address.room, doc, {
      WebSocketPolyfill: WebSocket as never,
      params: address.params,
      disableBc: true,
    })
    const client: BenchClient = { index: message.firstClient + i, doc, provider }
    clients.push(client)
    const records = getRecordsMap(doc)
    records.observe((event) => {
      if (event.transaction.local) return
      const now = wallClockMs()
      for (const key of event.keysChanged) {
        const sentAt = sentAtOf(records.get(key))
        if (sentAt === undefined || sentAt < measureFrom || sentAt > measureUntil) continue
        latencies.push(now - sentAt)
        measuredDeliveries++
      }
    })
    ready.push(
      new Promise((resolve) => {
        const done = () => resolve()
        if (message.waitForSync) provider.once('sync', done)
        else provider.on('status', ({ status }: { status: string }) => status === 'connected' && done())
      }),
    )
  }
  return Promise.all(ready).then(() => undefined)
}

function write(client: BenchClient, seq: number): void {
  const sentAt = wallClockMs()
  const id = `shape:c${client.index}-${seq}`
  const record = noteRecord(id, (seq % 40) * 220, client.index * 240, `便利貼 ${client.index}-${seq}: 申請流程太複雜`)
  const stamped = { ...record, meta: { sentAt } }
  client.doc.transact(() => getRecordsMap(client.doc).set(id, createYRecord(stamped)))
  if (sentAt >= measureFrom && sentAt <= measureUntil) measuredWrites++
}

function run(message: Extract<ToClients, { type: 'run' }>): void {
  const cpuAtStart = process.cpuUsage()
  measureFrom = message.startAt + message.warmupMs
  measureUntil = message.startAt + message.warmupMs + message.durationMs
  const periodMs = 1000 / message.ratePerSecond
  const stopAt = measureUntil
  for (const client of clients) {
    // Stagger the clients evenly over one period, as people do not type in lockstep.
    const offset = (client.index * periodMs) / 53 % periodMs
    let seq = 0
    let next = message.startAt + offset
    const tick = () => {
      const now = wallClockMs()
      // Catch up if the event loop fell behind, so the offered load stays fixed.
      while (next <= now && next <= stopAt) {
        write(client, seq++)
        next += periodMs
      }
      if (next <= stopAt) setTimeout(tick, Math.max(0, next - wallClockMs()))
    }
    setTimeout(tick, Math.max(0, next - wallClockMs()))
  }
  setTimeout(() => {
    const cpu = process.cpuUsage(cpuAtStart)
    send({ type: 'done', latencies, measuredWrites, measuredDeliveries, cpuSeconds: (cpu.user + cpu.system) / 1e6 })
  }, Math.max(0, stopAt + message.drainMs - wallClockMs()))
}

process.on('message', (message: ToClients) => {
  if (message.type === 'connect') {
    connect(message).then(
      () => send({ type: 'ready' }),
      (error: unknown) => send({ type: 'error', message: String(error) }),
    )
  } else if (message.type === 'run') {
    run(message)
  } else {
    for (const client of clients) {
      client.provider.destroy()
      client.doc.destroy()
    }
    process.exit(0)
  }
})
