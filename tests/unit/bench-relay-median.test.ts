import { describe, expect, it } from 'vitest'
import { medianOfRuns, type RelayRun } from '../../bench/relay/relayBench'

const LOAD = { clients: 20, ratePerSecond: 10 }

function run(p99: number, deliveredShare: number, serverCpuSeconds: number): RelayRun {
  return {
    server: 'ours',
    load: LOAD,
    latency: { count: 100, p50: p99 / 10, p95: p99 / 2, p99, max: p99 * 2 },
    deliveredShare,
    serverCpuSeconds,
    serverPeakRssBytes: 150e6,
    clientCpuSeconds: 9,
    wallSeconds: 14,
    loadAverage: 2,
  }
}

describe('relay bench: repeated runs', () => {
  it('takes the median of each figure, the lowest delivered share and the total count', () => {
    const merged = medianOfRuns([run(40, 1, 2.5), run(90, 0.998, 2.9), run(30, 1, 2.7)])
    expect(merged.latency).toEqual({ count: 300, p50: 4, p95: 20, p99: 40, max: 80 })
    expect(merged.deliveredShare).toBe(0.998)
    expect(merged.serverCpuSeconds).toBe(2.7)
    expect(merged.load).toBe(LOAD)
  })

  it('is the run itself when there is one', () => {
    const single = run(55, 1, 2.2)
    expect(medianOfRuns([single])).toEqual(single)
  })
})
