/**
 * Reads a Chromium trace (playwright's `browser.startTracing` with the V8 CPU profiler
 * category) of one page load: how long the page's main thread was busy after navigation, and
 * how much of that was spent inside named functions (inclusive: the function and all it
 * called). Used by bench/open/profileOpen.ts to compare where our app and plain tldraw spend
 * a board open.
 */

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  id?: string
  args?: { data?: Record<string, unknown> }
}

interface CpuProfileNode {
  id: number
  parent?: number
  callFrame: { functionName: string; url: string }
  children?: number[]
}

interface ProfileChunkData {
  cpuProfile?: { nodes?: CpuProfileNode[]; samples?: number[] }
  timeDeltas?: number[]
}

export interface MainThreadProfile {
  /** Sampled time with JavaScript, GC or native work on the main thread, ms. */
  busyMs: number
  /** Inclusive sampled time per function name asked for, ms. */
  inside: Map<string, number>
  /** Blink's `Layout` events (forced and per frame), ms. */
  layoutMs: number
}

/** Not work: the profiler's names for an idle thread and the profile's root. */
const NOT_BUSY = new Set(['(idle)', '(root)'])

/** The last navigation of a main frame to an http(s) page: where the measured load starts. */
function lastNavigation(events: readonly TraceEvent[]): TraceEvent {
  const navigation = events.filter((event) => {
    const data = event.args?.data
    return event.name === 'navigationStart' && data?.['isLoadingMainFrame'] === true && String(data['documentLoaderURL'] ?? '').startsWith('http')
  })
  const last = navigation.at(-1)
  if (last === undefined) throw new Error('The trace holds no navigation of a main frame to an http(s) page')
  return last
}

/** Where the page's main thread spent its time from navigation until `untilMs` after it. */
export function profileMainThread(events: readonly TraceEvent[], functionNames: readonly string[], untilMs: number): MainThreadProfile {
  const navigation = lastNavigation(events)
  const onMainThread = (event: TraceEvent) => event.pid === navigation.pid && event.tid === navigation.tid
  const inWindow = (ts: number) => ts >= navigation.ts && (ts - navigation.ts) / 1000 <= untilMs

  const profiles = new Map<string, { startTime: number; nodes: Map<number, CpuProfileNode>; samples: number[]; deltas: number[] }>()
  for (const event of events) {
    if (event.name === 'Profile' && onMainThread(event) && event.id !== undefined) {
      profiles.set(event.id, { startTime: Number(event.args?.data?.['startTime'] ?? 0), nodes: new Map(), samples: [], deltas: [] })
    }
  }
  for (const event of events) {
    const profile = event.name === 'ProfileChunk' && event.id !== undefined ? profiles.get(event.id) : undefined
    if (profile === undefined) continue
    const data = event.args?.data as ProfileChunkData | undefined
    for (const node of data?.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node)
    profile.samples.push(...(data?.cpuProfile?.samples ?? []))
    profile.deltas.push(...(data?.timeDeltas ?? []))
  }

  const wanted = new Set(functionNames)
  const inside = new Map(functionNames.map((name) => [name, 0]))
  let busyMs = 0
  for (const profile of profiles.values()) {
    const parentOf = new Map<number, number>()
    for (const node of profile.nodes.values()) {
      if (node.parent !== undefined) parentOf.set(node.id, node.parent)
      for (const child of node.children ?? []) parentOf.set(child, node.id)
    }
    let ts = profile.startTime
    for (let i = 0; i < profile.samples.length; i++) {
      ts += profile.deltas[i] ?? 0
      // A sample stands for the time until the next one.
      const ms = (profile.deltas[i + 1] ?? 0) / 1000
      const leaf = profile.nodes.get(profile.samples[i]!)
      if (leaf === undefined || !inWindow(ts) || NOT_BUSY.has(leaf.callFrame.functionName)) continue
      busyMs += ms
      const counted = new Set<string>()
      for (let id: number | undefined = leaf.id; id !== undefined; id = parentOf.get(id)) {
        const name = profile.nodes.get(id)?.callFrame.functionName
        if (name === undefined || !wanted.has(name) || counted.has(name)) continue
        counted.add(name)
        inside.set(name, inside.get(name)! + ms)
      }
    }
  }

  let layoutMs = 0
  for (const event of events) {
    if (event.name === 'Layout' && event.ph === 'X' && onMainThread(event) && inWindow(event.ts)) layoutMs += (event.dur ?? 0) / 1000
  }
  return { busyMs, inside, layoutMs }
}
