import { describe, expect, it } from 'vitest'
import { runBindingBench } from '../../bench/binding/bindingBench'
import { runRelayBench } from '../../bench/relay/relayBench'
import { runStorageBench } from '../../bench/storage/storageBench'

// Benchmarks are not tests; these tiny runs only keep them from rotting (npm run bench runs them for real).

describe('benchmarks at tiny sizes', () => {
  it('relay: every server relays every note to every other client', async () => {
    const result = await runRelayBench({ loads: [{ clients: 3, ratePerSecond: 5 }], durationMs: 600, warmupMs: 200, drainMs: 600, clientProcesses: 1 })
    expect(result.data.map((r) => r.server)).toEqual(['ours', 'reference-leveldb', 'reference-memory', 'bare-relay'])
    for (const run of result.data) {
      expect(run.deliveredShare, run.server).toBe(1)
      expect(run.latency.count, run.server).toBeGreaterThan(0)
      expect(run.latency.max, run.server).toBeGreaterThanOrEqual(run.latency.p50)
      expect(run.serverPeakRssBytes, run.server).toBeGreaterThan(10_000_000)
    }
    expect(result.summary).toMatch(/^relay: (PASS|MISS)/)
    expect(result.table).toContain('(b) @y/websocket-server + LevelDB')
  }, 60_000)

  it('binding: remote changes reach the store and are timed against store.put', async () => {
    const result = await runBindingBench({ changes: 50, repetitions: 1 })
    expect(result.data).toHaveLength(4)
    for (const c of result.data) {
      expect(c.plainMs).toBeGreaterThan(0)
      expect(c.boundMs).toBeGreaterThan(0)
    }
    expect(result.checks).toHaveLength(4)
    // The floor of any Yjs layout is measured beside them (it throws if its doc missed the change).
    expect(result.summary).toMatch(/Yjs floor \d+\.\d\d× \/ \d+\.\d\d× of store\.put/)
  }, 30_000)

  it('storage: a logged board loads, compacts and is measured', async () => {
    const result = await runStorageBench({ updates: 300, notes: 20 })
    expect(result.data.updates).toBe(300)
    expect(result.data.encodedStateBytes).toBeGreaterThan(0)
    expect(result.data.fileBytesAfter).toBeGreaterThan(0)
    expect(Number.isFinite(result.data.roomLoadAfterMs)).toBe(true)
    expect(Number.isFinite(result.data.firstSyncAfterMs)).toBe(true)
    expect(result.summary).toMatch(/^storage: (PASS|MISS)/)
  }, 60_000)
})
