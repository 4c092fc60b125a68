import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Where /metrics reads gauges that are cheaper to ask for than to track. */
export interface MetricsSources {
  /** Board documents loaded in memory. */
  boardsLoaded(): number
}

/**
 * Every Prometheus metric of one server, on its own registry (never prom-client's global
 * one: tests run several servers in one process). Names are prefixed `civic_canvas_`.
 */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly connections: Gauge
  readonly messagesReceived: Counter
  readonly messagesSent: Counter
  readonly bytesReceived: Counter
  readonly bytesSent: Counter
  readonly updatesPersisted: Counter
  readonly persistenceSeconds: Histogram<'operation'>
  readonly compactions: Counter<'result'>
  readonly rejectedMessages: Counter<'reason'>
  readonly refusedConnections: Counter<'reason'>
  readonly authFailures: Counter<'reason'>
  readonly fanoutMessages: Counter<'direction'>
  readonly fanoutCatchUps: Counter<'trigger'>
  private sources: MetricsSources = { boardsLoaded: () => 0 }
  private readonly traffic = new TrafficTally()

  constructor() {
    const registers = [this.registry]
    collectDefaultMetrics({ register: this.registry })
    const sources = () => this.sources
    new Gauge({
      name: 'civic_canvas_boards_loaded',
      help: 'Board documents loaded in memory (a board content and its session state count separately).',
      registers,
      collect() {
        this.set(sources().boardsLoaded())
      },
    })
    this.connections = new Gauge({ name: 'civic_canvas_connections', help: 'Open websocket connections.', registers })
    // Traffic is tallied in plain numbers and handed to prom-client when read: a relayed
    // update is one send per connection, and two Counter.inc calls per send showed in the
    // relay benchmark's server profile (docs/performance.md, hot spot 7).
    const traffic = this.traffic
    const counted = (name: string, help: string, take: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          const count = take()
          if (count > 0) this.inc(count)
        },
      })
    this.messagesReceived = counted('civic_canvas_messages_received_total', 'Websocket messages received.', () => traffic.take('messagesReceived'))
    this.messagesSent = counted('civic_canvas_messages_sent_total', 'Websocket messages sent.', () => traffic.take('messagesSent'))
    this.bytesReceived = counted('civic_canvas_bytes_received_total', 'Websocket payload bytes received.', () => traffic.take('bytesReceived'))
    this.bytesSent = counted('civic_canvas_bytes_sent_total', 'Websocket payload bytes sent.', () => traffic.take('bytesSent'))
    this.updatesPersisted = new Counter({ name: 'civic_canvas_updates_persisted_total', help: 'Document updates appended to storage.', registers })
    this.persistenceSeconds = new Histogram({
      name: 'civic_canvas_persistence_seconds',
      help: 'Time a storage operation took (load, append, compact, read).',
      labelNames: ['operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    })
    this.compactions = new Counter({ name: 'civic_canvas_compactions_total', help: 'Compactions, by result.', labelNames: ['result'], registers })
    this.rejectedMessages = new Counter({
      name: 'civic_canvas_rejected_messages_total',
      help: 'Websocket messages refused, by reason (close code name).',
      labelNames: ['reason'],
      registers,
    })
    this.refusedConnections = new Counter({
      name: 'civic_canvas_refused_connections_total',
      help: 'Websocket connections refused by a limit, by reason.',
      labelNames: ['reason'],
      registers,
    })
    this.authFailures = new Counter({
      name: 'civic_canvas_auth_failures_total',
      help: 'Websocket upgrades or API calls refused for a missing, bad or outdated token, by reason.',
      labelNames: ['reason'],
      registers,
    })
    this.fanoutMessages = new Counter({
      name: 'civic_canvas_fanout_messages_total',
      help: 'Scale-out pub/sub messages, by direction (published, received, dropped while the broker was away).',
      labelNames: ['direction'],
      registers,
    })
    this.fanoutCatchUps = new Counter({
      name: 'civic_canvas_fanout_catchups_total',
      help: 'Scale-out checks of storage for missed updates, per loaded document, by trigger (sweep, reconnect).',
      labelNames: ['trigger'],
      registers,
    })
  }

  /** Counts one websocket frame sent (read into the counters at scrape time). */
  countSent(bytes: number): void {
    this.traffic.messagesSent += 1
    this.traffic.bytesSent += bytes
  }

  /** Counts one websocket frame received (read into the counters at scrape time). */
  countReceived(bytes: number): void {
    this.traffic.messagesReceived += 1
    this.traffic.bytesReceived += bytes
  }

  /** Connects the gauges that are read at scrape time. */
  setSources(sources: MetricsSources): void {
    this.sources = sources
  }

  /** The text exposition format for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics()
  }

  /** Content-Type of render()'s output. */
  get contentType(): string {
    return this.registry.contentType
  }
}

/** Websocket traffic not yet handed to the counters. */
class TrafficTally {
  messagesReceived = 0
  messagesSent = 0
  bytesReceived = 0
  bytesSent = 0

  /** Returns the tally of `field` and starts it again from zero. */
  take(field: 'messagesReceived' | 'messagesSent' | 'bytesReceived' | 'bytesSent'): number {
    const count = this[field]
    this[field] = 0
    return count
  }
}
