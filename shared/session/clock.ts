/**
 * Server clock offset. Every client shows the same countdown only if it computes "now" on the
 * server's clock: machines in one room are often minutes apart. One sample is a request to
 * `GET /api/time` sent at local `t0`, answered with the server's `serverNow`, received at `t1`.
 */
export interface ClockSample {
  /** Local ms when the request was sent. */
  t0: number
  /** Server ms in the answer. */
  serverNow: number
  /** Local ms when the answer arrived. */
  t1: number
}

export interface ClockOffset {
  /** Add to local ms to get server ms. */
  offsetMs: number
  /** Round trip of the sample it came from; smaller is more trustworthy. */
  rttMs: number
}

/**
 * Offset from one sample, assuming the server read its clock halfway through the round trip:
 * `serverNow + rtt/2 - t1`. Answers null for an impossible sample (answer before request, non-finite).
 */
export function offsetFromSample(sample: ClockSample): ClockOffset | null {
  const { t0, serverNow, t1 } = sample
  if (![t0, serverNow, t1].every(Number.isFinite) || t1 < t0) return null
  const rttMs = t1 - t0
  return { offsetMs: serverNow + rttMs / 2 - t1, rttMs }
}

/** The offset from the sample with the shortest round trip (least room for error); null without a usable sample. */
export function bestOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockOffset | null = null
  for (const sample of samples) {
    const offset = offsetFromSample(sample)
    if (offset && (best === null || offset.rttMs < best.rttMs)) best = offset
  }
  return best
}

/** Server time for a local time, given an offset (no offset known yet: local time). */
export function serverTime(localNow: number, offset: ClockOffset | null): number {
  return localNow + (offset?.offsetMs ?? 0)
}

/**
 * Takes `count` samples one after another with `fetchServerNow` (which answers the server's ms)
 * and answers the best offset. Failed samples are skipped; null if every one failed.
 */
export async function measureClockOffset(
  fetchServerNow: () => Promise<number>,
  localNow: () => number = Date.now,
  count = 3,
): Promise<ClockOffset | null> {
  const samples: ClockSample[] = []
  for (let i = 0; i < count; i++) {
    const t0 = localNow()
    try {
      const serverNow = await fetchServerNow()
      samples.push({ t0, serverNow, t1: localNow() })
    } catch {
      // One lost request must not stop the others.
    }
  }
  return bestOffset(samples)
}
