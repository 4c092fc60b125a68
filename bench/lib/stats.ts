/** Summary statistics of a sample of latencies (milliseconds). */
export interface LatencySummary {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Nearest-rank percentile of an ascending-sorted array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/** p50/p95/p99/max of a sample (the sample is copied, not changed). */
export function summarize(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort()
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  }
}

/** Median of a few repeated measurements. */
export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50)
}

/** Repeated runs' summaries as one: each percentile the median of the runs', count the total. */
export function medianOfSummaries(summaries: readonly LatencySummary[]): LatencySummary {
  const of = (pick: (s: LatencySummary) => number) => median(summaries.map(pick))
  return {
    count: summaries.reduce((sum, s) => sum + s.count, 0),
    p50: of((s) => s.p50),
    p95: of((s) => s.p95),
    p99: of((s) => s.p99),
    max: of((s) => s.max),
  }
}

/** Formats a number with a fixed count of decimals ('–' for NaN). */
export function fmt(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '–'
}

/** Formats a ratio as `1.23×` ('–' when undefined). */
export function ratio(value: number, base: number): string {
  return base > 0 && Number.isFinite(value) && Number.isFinite(base) ? `${(value / base).toFixed(2)}×` : '–'
}

/** Formats a byte count in kB (1000 bytes, as bundle sizes are usually quoted). */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}
