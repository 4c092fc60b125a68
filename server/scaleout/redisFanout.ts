import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { boardTag, errorFields, type Logger } from '../log'
import type { ServerMetrics } from '../metrics/serverMetrics'
import { decodeFanoutMessage, encodeFanoutMessage, type FanoutMessage } from './fanoutMessage'
import type { ReplicaMember, Replication } from './replication'
import { traceEvent, traceUpdate } from './trace'

/** What the Redis fan-out needs. */
export interface RedisFanoutOptions {
  /** redis://host:port[/db] */
  redisUrl: string
  /** Prefix of every channel, so several deployments (or test runs) can share one Redis. */
  channelPrefix: string
  /** This instance's id in messages (its own messages come back and are skipped). Default: random. */
  instanceId?: string
  log: Logger
  metrics?: ServerMetrics
  /** Every loaded document checks storage for missed updates this often (pub/sub may drop). Default 5 s. */
  sweepIntervalMs?: number
  /** How long join() waits for a subscription while Redis is away before loading anyway. Default 1 s. */
  joinWaitMs?: number
}

/**
 * Fans document updates and awareness out between server instances over Redis pub/sub, one
 * channel per board. Pub/sub is at-most-once: whatever it drops, rooms read back from
 * storage (by seq) when they notice a gap, after every (re)subscription, and on a periodic
 * sweep. Two connections: pub/sub mode blocks other commands on the subscribing one.
 */
export class RedisFanout implements Replication {
  readonly instanceId: string
  private readonly channels = new Map<string, Set<ReplicaMember>>()
  private readonly sweep: NodeJS.Timeout
  private connectedOnce = false
  private closed = false

  private constructor(
    private readonly options: RedisFanoutOptions,
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    this.instanceId = options.instanceId ?? randomBytes(8).toString('hex')
    sub.on('messageBuffer', (_channel: Buffer, data: Buffer) => this.onMessage(data))
    sub.on('ready', () => void this.onSubscriberReady())
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ] as const) {
      // ioredis reconnects by itself; log the loss once, not every failed retry.
      client.on('error', () => {})
      client.on('close', () => {
        if (!this.closed) options.log.log('warn', 'redis connection lost; reconnecting', { connection: name })
      })
    }
    this.sweep = setInterval(() => this.catchUpAll(false), options.sweepIntervalMs ?? 5000)
    this.sweep.unref()
  }

  /** Connects both Redis connections; rejects with a message naming REDIS_URL when Redis cannot be reached. */
  static async start(options: RedisFanoutOptions): Promise<RedisFanout> {
    const connect = (name: string) =>
      new Redis(options.redisUrl, {
        lazyConnect: true,
        connectionName: name,
        // We resubscribe ourselves on 'ready', then catch up: the order matters.
        autoResubscribe: false,
        // A publish while Redis is away is dropped, not queued: storage is the source of truth.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy: (times) => Math.min(100 * times, 1000),
      })
    const pub = connect('civic-canvas-pub')
    const sub = connect('civic-canvas-sub')
    try {
      await Promise.all([pub.connect(), sub.connect()])
    } catch (error) {
      pub.disconnect()
      sub.disconnect()
      throw new Error(`Could not connect to Redis at REDIS_URL (${(error as Error).message}); check that Redis runs and the URL is right.`)
    }
    const fanout = new RedisFanout(options, pub, sub)
    fanout.connectedOnce = true
    return fanout
  }

  /** Resolves when Redis answers a PING (readiness); rejects otherwise. */
  async ping(): Promise<void> {
    if (this.pub.status !== 'ready' || this.sub.status !== 'ready') throw new Error(`Redis is ${this.sub.status}`)
    await this.pub.ping()
  }

  async join(member: ReplicaMember): Promise<void> {
    const channel = this.channelOf(member)
    let members = this.channels.get(channel)
    if (!members) {
      members = new Set()
      this.channels.set(channel, members)
    }
    members.add(member)
    if (members.size === 1 && this.sub.status === 'ready') {
      // While Redis is away, load anyway: onSubscriberReady subscribes and catches up later.
      await withTimeout(this.sub.subscribe(channel), this.options.joinWaitMs ?? 1000).catch((error: unknown) => {
        this.options.log.log('warn', 'redis subscribe failed; will retry on reconnect', errorFields(error))
      })
    }
    this.publish({ type: 'awareness-query', instanceId: this.instanceId, boardId: boardOf(member), kind: member.kind })
  }

  leave(member: ReplicaMember): void {
    const channel = this.channelOf(member)
    const members = this.channels.get(channel)
    if (!members?.delete(member) || members.size > 0) return
    this.channels.delete(channel)
    if (this.sub.status === 'ready') this.sub.unsubscribe(channel).catch(() => {})
  }

  publishUpdate(member: ReplicaMember, seq: number, update: Uint8Array): void {
    traceUpdate('published', update, { seq })
    this.publish({ type: 'update', instanceId: this.instanceId, boardId: boardOf(member), kind: member.kind, seq, payload: update })
  }

  publishAwareness(member: ReplicaMember, update: Uint8Array): void {
    this.publish({ type: 'awareness', instanceId: this.instanceId, boardId: boardOf(member), kind: member.kind, payload: update })
  }

  /** Disconnects from Redis; rooms must have left first. */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.sweep)
    await Promise.all([this.pub.quit().catch(() => this.pub.disconnect()), this.sub.quit().catch(() => this.sub.disconnect())])
  }

  private publish(message: FanoutMessage): void {
    if (this.pub.status !== 'ready') {
      this.options.metrics?.fanoutMessages.inc({ direction: 'dropped' })
      return
    }
    this.options.metrics?.fanoutMessages.inc({ direction: 'published' })
    this.pub.publish(this.options.channelPrefix + message.boardId, encodeFanoutMessage(message)).catch(() => {
      this.options.metrics?.fanoutMessages.inc({ direction: 'dropped' })
    })
  }

  private onMessage(data: Buffer): void {
    const message = decodeFanoutMessage(data)
    if (!message || message.instanceId === this.instanceId) return
    this.options.metrics?.fanoutMessages.inc({ direction: 'received' })
    const members = this.channels.get(this.options.channelPrefix + message.boardId)
    if (!members) return
    for (const member of members) {
      if (member.kind !== message.kind) continue
      if (message.type === 'update') {
        traceUpdate('fanout-received', message.payload, { seq: message.seq })
        member.receiveUpdate(message.seq, message.payload)
      } else if (message.type === 'awareness') member.receiveAwareness(message.payload)
      else {
        const snapshot = member.awarenessSnapshot()
        if (snapshot) this.publishAwareness(member, snapshot)
      }
    }
  }

  /** After every (re)connection: subscribe to every loaded board, then read back what was missed meanwhile. */
  private async onSubscriberReady(): Promise<void> {
    if (this.closed) return
    const channels = [...this.channels.keys()]
    try {
      if (channels.length > 0) await this.sub.subscribe(...channels)
    } catch (error) {
      this.options.log.log('warn', 'redis resubscribe failed', errorFields(error))
      return
    }
    if (!this.connectedOnce) return
    this.options.log.log('info', 'redis connected; catching up loaded boards', { boards: channels.length })
    this.catchUpAll(true)
    for (const members of this.channels.values()) {
      for (const member of members) {
        this.publish({ type: 'awareness-query', instanceId: this.instanceId, boardId: boardOf(member), kind: member.kind })
      }
    }
  }

  private catchUpAll(full: boolean): void {
    traceEvent('sweep', { full })
    for (const members of this.channels.values()) {
      for (const member of members) {
        this.options.metrics?.fanoutCatchUps.inc({ trigger: full ? 'reconnect' : 'sweep' })
        try {
          member.catchUp(full)
        } catch (error) {
          this.options.log.log('warn', 'catch-up failed', { board: boardTag(member.boardId), ...errorFields(error) })
        }
      }
    }
  }

  private channelOf(member: ReplicaMember): string {
    return this.options.channelPrefix + boardOf(member)
  }
}

/** The board a member's document belongs to (doc ids are `<boardId>` or `<boardId>:session`). */
function boardOf(member: ReplicaMember): string {
  return member.boardId.split(':')[0]!
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
