import type { BoardAddress } from '../lib/servers'

/** Parent → client process messages of the relay benchmark. */
export type ToClients =
  | { type: 'connect'; address: BoardAddress; clients: number; firstClient: number; waitForSync: boolean }
  | { type: 'run'; startAt: number; warmupMs: number; durationMs: number; ratePerSecond: number; drainMs: number }
  | { type: 'exit' }

/** Client process → parent messages. */
export type FromClients =
  | { type: 'ready' }
  | {
      type: 'done'
      /** Write → arrival latency of every delivery after the warm-up, in ms. */
      latencies: number[]
      /** Writes made after the warm-up by this process's clients. */
      measuredWrites: number
      /** Deliveries of those writes seen by this process's clients. */
      measuredDeliveries: number
      /** CPU seconds this client process used during the run. */
      cpuSeconds: number
    }
  | { type: 'error'; message: string }

/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes on one machine. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now()
}
