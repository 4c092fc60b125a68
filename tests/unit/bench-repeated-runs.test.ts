import { describe, expect, it } from 'vitest'
import { runInterleaved } from '../../bench/lib/repeatedRuns'
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

describe('runInterleaved', () => {
  it('runs every contender in turn, repetition after repetition, and groups the runs per load and contender', async () => {
    const order: string[] = []
    const groups = await runInterleaved(['20x10', '50x5'], ['a', 'b'], 2, async (contender, load) => {
      order.push(`${load}:${contender}`)
      return order.length
    })
    expect(order).toEqual(['20x10:a', '20x10:b', '20x10:a', '20x10:b', '50x5:a', '50x5:b', '50x5:a', '50x5:b'])
    expect(groups).toEqual([
      { load: '20x10', contender: 'a', runs: [1, 3] },
      { load: '20x10', contender: 'b', runs: [2, 4] },
      { load: '50x5', contender: 'a', runs: [5, 7] },
      { load: '50x5', contender: 'b', runs: [6, 8] },
    ])
  })
})
