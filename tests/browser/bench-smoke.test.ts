import { describe, expect, it } from 'vitest'
import { runBundleBench } from '../../bench/bundle/bundleBench'
import { runOpenBench } from '../../bench/open/openBench'

// Tiny runs of the Chromium and build benchmarks, so they cannot rot (npm run bench runs them for real).

describe('benchmarks at tiny sizes (Chromium and builds)', () => {
  it('open: a small board opens in our app and in plain tldraw, cold and warm', async () => {
    const result = await runOpenBench({ sizes: [50], timeoutMs: 60_000 })
    expect(result.data.map((r) => `${r.app} ${r.start}`)).toEqual(['ours cold', 'ours warm', 'plain cold', 'plain warm'])
    for (const run of result.data) {
      expect(run.shapes).toBe(50)
      expect(run.storeCompleteMs, `${run.app} ${run.start}`).toBeGreaterThan(0)
      expect(run.fullFrameMs).toBeGreaterThanOrEqual(run.storeCompleteMs)
    }
    // The board comes over the websocket; the plain page fetches its snapshot over HTTP.
    expect(result.data[0]!.websocketBytes).toBeGreaterThan(1000)
    expect(result.data[0]!.httpBytes).toBeGreaterThan(100_000)
    expect(result.summary).toMatch(/^open: (PASS|MISS)/)
  }, 120_000)

  it('bundle: both builds are sized per route', async () => {
    const result = await runBundleBench()
    expect(result.data.board.hasTldraw).toBe(true)
    expect(result.data.plain.hasTldraw).toBe(true)
    expect(result.data.plain.js).toBeGreaterThan(100_000)
    expect(result.data.board.js).toBeGreaterThan(result.data.home.js)
    expect(result.summary).toMatch(/^bundle: (PASS|MISS)/)
  }, 120_000)
})
