import { describe, expect, it } from 'vitest'
import { profileMainThread } from '../../bench/open/traceProfile'

// A trace as Chromium writes it: a navigation, the main thread's CPU profile in chunks
// (timestamps in µs), Layout events. Call tree: (root) → run → render → measure, plus (idle).
const PID = 7
const MAIN = 1
const OTHER = 2
const NAV_TS = 1_000_000
const node = (id: number, functionName: string, parent?: number) => ({ id, parent, callFrame: { functionName, url: '' } })

function trace(samples: number[], deltasMs: number[], extra: object[] = []) {
  return [
    { name: 'navigationStart', ph: 'R', pid: PID, tid: MAIN, ts: NAV_TS, args: { data: { isLoadingMainFrame: true, documentLoaderURL: 'http://127.0.0.1/b/x' } } },
    { name: 'Profile', ph: 'P', pid: PID, tid: MAIN, ts: NAV_TS, id: '0x1', args: { data: { startTime: NAV_TS } } },
    {
      name: 'ProfileChunk', ph: 'P', pid: PID, tid: MAIN, ts: NAV_TS, id: '0x1',
      args: { data: { cpuProfile: { nodes: [node(1, '(root)'), node(2, 'run', 1), node(3, 'render', 2), node(4, 'measure', 3), node(5, '(idle)', 1)], samples }, timeDeltas: deltasMs.map((ms) => ms * 1000) } },
    },
    ...extra,
  ]
}

describe('profileMainThread (bench/open/profileOpen.ts)', () => {
  // Each sample stands for the time until the next one.
  it.each([
    { name: 'inclusive time per function', samples: [4, 3, 2, 5, 4], deltas: [0, 10, 10, 10, 10, 10], until: 1000, busy: 40, run: 40, render: 30, measure: 20 },
    { name: 'idle samples are not busy', samples: [5, 5, 4], deltas: [0, 10, 10, 10], until: 1000, busy: 10, run: 10, render: 10, measure: 10 },
    { name: 'samples after the window are left out', samples: [4, 4, 4], deltas: [0, 10, 10, 10], until: 15, busy: 20, run: 20, render: 20, measure: 20 },
  ])('$name', ({ samples, deltas, until, busy, run, render, measure }) => {
    const profile = profileMainThread(trace(samples, deltas) as never, ['run', 'render', 'measure', 'absent'], until)
    expect(profile.busyMs).toBeCloseTo(busy)
    expect(profile.inside.get('run')).toBeCloseTo(run)
    expect(profile.inside.get('render')).toBeCloseTo(render)
    expect(profile.inside.get('measure')).toBeCloseTo(measure)
    expect(profile.inside.get('absent')).toBe(0)
  })

  it('counts a recursive function once per sample', () => {
    const nodes = [node(1, '(root)'), node(2, 'walk', 1), node(3, 'walk', 2)]
    const events = trace([3, 3], [0, 10, 10])
    ;(events[2] as { args: { data: { cpuProfile: { nodes: unknown[] } } } }).args.data.cpuProfile.nodes = nodes
    expect(profileMainThread(events as never, ['walk'], 1000).inside.get('walk')).toBeCloseTo(20)
  })

  it('adds the main thread’s Layout events after navigation, not other threads’ or earlier ones', () => {
    const layout = (tid: number, ts: number, durMs: number) => ({ name: 'Layout', ph: 'X', pid: PID, tid, ts, dur: durMs * 1000 })
    const events = trace([4], [0, 10], [layout(MAIN, NAV_TS + 5_000, 3), layout(MAIN, NAV_TS + 9_000, 2), layout(OTHER, NAV_TS + 5_000, 50), layout(MAIN, NAV_TS - 1, 40)])
    expect(profileMainThread(events as never, [], 1000).layoutMs).toBeCloseTo(5)
  })

  it('says so when the trace holds no page navigation', () => {
    expect(() => profileMainThread([] as never, [], 1000)).toThrow(/no navigation/)
  })
})
