import { measureClockOffset, serverTime, type ClockOffset } from '../../../shared/session/clock'

/** How often the offset is measured again (laptops drift, and wake from sleep). */
const RESYNC_MS = 5 * 60_000

/** `GET /api/time` → the server's ms. */
export async function fetchServerNow(fetchFn: typeof fetch = fetch): Promise<number> {
  const response = await fetchFn('/api/time', { headers: { accept: 'application/json' }, cache: 'no-store' })
  if (!response.ok) throw new Error(`GET /api/time answered ${response.status}`)
  const body = (await response.json()) as { now?: unknown }
  if (typeof body.now !== 'number' || !Number.isFinite(body.now)) throw new Error('GET /api/time answered without a time')
  return body.now
}

/**
 * This browser's estimate of the server's clock: the timer's shared end time is in server ms,
 * so every machine counts down to the same moment whatever its own clock says.
 */
export class ServerClock {
  private offset: ClockOffset | null = null
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly fetchNow: () => Promise<number> = () => fetchServerNow(),
    private readonly localNow: () => number = Date.now,
  ) {}

  /** Server ms now (local time until the first measurement answers). */
  now(): number {
    return serverTime(this.localNow(), this.offset)
  }

  /** The measured offset, if any. */
  get measured(): ClockOffset | null {
    return this.offset
  }

  /** Measures now (best of 3); keeps the previous offset when the server cannot be reached. */
  async sync(): Promise<void> {
    const offset = await measureClockOffset(this.fetchNow, this.localNow, 3)
    if (offset) this.offset = offset
  }

  /** Measures now and every few minutes until `stop`. */
  start(): void {
    void this.sync()
    this.timer ??= setInterval(() => void this.sync(), RESYNC_MS)
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }
}
