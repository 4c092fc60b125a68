import { readFileSync } from 'node:fs'
import { fmt, percentile } from '../lib/stats'
import { renderTable } from '../lib/table'

/** A write a benchmark client made: the record id, the hash of the update it sent (server/scaleout/trace.ts), when, from which instance's client. */
export interface TracedWrite {
  id: string
  key: string
  sentAt: number
  instance: number
}

/** A write arriving at a client connected to `instance`. */
export interface TracedDelivery {
  id: string
  at: number
  instance: number
}

interface TraceLine {
  t: number
  stage: string
  key?: string
  ms?: number
}

/** Stage times of one update on one instance (first occurrence of each stage). */
type Stages = Map<string, number>

/** Each stage of a cross-instance delivery, in order, with how it is measured. */
const CROSS_STAGES: Array<[name: string, from: string, to: string]> = [
  ['client → append queued', 'sentAt', 'queued'],
  ['queued → statement sent (previous batch)', 'queued', 'sent'],
  ['statement → committed', 'sent', 'committed'],
  ['committed → published', 'committed', 'published'],
  ['published → other instance received', 'published', 'fanout-received'],
  ['received → client got it (room queue, ws, client)', 'fanout-received', 'at'],
]

/** Windows [start, end] of an activity on one instance. */
interface Window {
  instance: number
  start: number
  end: number
}

/**
 * Joins the instances' trace files with the clients' writes and deliveries, and tells where
 * cross-instance time goes: every stage's p50/p99 over all cross deliveries, the stages of
 * the slowest 1%, and what ran on the instances meanwhile (compactions, catch-up reads,
 * event-loop stalls).
 */
export function analyzeScaleoutTrace(files: string[], writes: TracedWrite[], deliveries: TracedDelivery[]): string {
  const perInstance = files.map((file) => parse(file))
  const stages = perInstance.map((lines) => {
    const byKey = new Map<string, Stages>()
    for (const line of lines) {
      if (!line.key) continue
      let s = byKey.get(line.key)
      if (!s) byKey.set(line.key, (s = new Map()))
      if (!s.has(line.stage)) s.set(line.stage, line.t)
    }
    return byKey
  })
  const compactions = windows(perInstance, 'compact-start', 'compact-end')
  const reads = windows(perInstance, 'read-after-start', 'read-after-end')
  const stalls: Window[] = perInstance.flatMap((lines, instance) =>
    lines.filter((l) => l.stage === 'loop-late' && (l.ms ?? 0) > 10).map((l) => ({ instance, start: l.t - (l.ms ?? 0), end: l.t })),
  )
  const writesById = new Map(writes.map((w) => [w.id, w]))
  const rows: Array<{ total: number; parts: number[]; from: number; to: number; writer: number; reader: number }> = []
  let unmatched = 0
  for (const d of deliveries) {
    const w = writesById.get(d.id)
    if (!w || w.instance === d.instance) continue
    const writer = stages[w.instance]?.get(w.key)
    const reader = stages[d.instance]?.get(w.key)
    const time = (name: string): number | undefined =>
      name === 'sentAt' ? w.sentAt : name === 'at' ? d.at : name === 'fanout-received' ? reader?.get(name) : writer?.get(name)
    const parts = CROSS_STAGES.map(([, from, to]) => {
      const a = time(from)
      const b = time(to)
      return a === undefined || b === undefined ? Number.NaN : b - a
    })
    if (parts.some((p) => Number.isNaN(p))) {
      unmatched += 1
      continue
    }
    rows.push({ total: d.at - w.sentAt, parts, from: w.sentAt, to: d.at, writer: w.instance, reader: d.instance })
  }
  if (rows.length === 0) return `no cross-instance delivery could be matched with the trace (${unmatched} unmatched)`
  rows.sort((a, b) => a.total - b.total)
  const slow = rows.slice(Math.floor(rows.length * 0.99))
  const column = (list: typeof rows, i: number) => Float64Array.from(list.map((r) => r.parts[i]!)).sort()
  const table = [['stage', 'all p50 ms', 'all p99 ms', 'slowest 1%: median ms', 'slowest 1%: max ms']]
  for (const [i, [name]] of CROSS_STAGES.entries()) {
    const all = column(rows, i)
    const worst = column(slow, i)
    table.push([name, fmt(percentile(all, 50), 2), fmt(percentile(all, 99), 2), fmt(percentile(worst, 50), 2), fmt(worst[worst.length - 1]!, 2)])
  }
  const totals = Float64Array.from(rows.map((r) => r.total)).sort()
  table.push(['total', fmt(percentile(totals, 50), 2), fmt(percentile(totals, 99), 2), fmt(percentile(Float64Array.from(slow.map((r) => r.total)).sort(), 50), 2), fmt(totals[totals.length - 1]!, 2)])
  const overlapping = (list: Window[]) => slow.filter((r) => list.some((w) => w.start < r.to && w.end > r.from)).length
  const durations = (list: Window[]) => {
    const sorted = Float64Array.from(list.map((w) => w.end - w.start)).sort()
    return `${list.length} (p50 ${fmt(percentile(sorted, 50), 1)} ms, max ${fmt(sorted[sorted.length - 1] ?? Number.NaN, 1)} ms)`
  }
  const lockWaits = perInstance.flatMap((lines) => {
    const out: number[] = []
    let start: number | null = null
    for (const line of lines) {
      if (line.stage === 'compact-start') start = line.t
      else if (line.stage === 'compact-locked' && start !== null) {
        out.push(line.t - start)
        start = null
      }
    }
    return out
  })
  return [
    renderTable(table),
    `cross deliveries matched: ${rows.length} (unmatched ${unmatched}); slowest 1%: ${slow.length}, from ${fmt(slow[0]!.total, 1)} ms`,
    `compactions: ${durations(compactions)}, seq-row lock wait ${lockWaits.map((w) => fmt(w, 1)).join(', ')} ms; slowest 1% overlapping one: ${overlapping(compactions)}`,
    `catch-up reads (readUpdatesAfter): ${durations(reads)}; slowest 1% overlapping one: ${overlapping(reads)}`,
    `event-loop stalls > 10 ms: ${durations(stalls)}; slowest 1% overlapping one: ${overlapping(stalls)}`,
  ].join('\n')
}

function parse(file: string): TraceLine[] {
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as TraceLine)
}

function windows(perInstance: TraceLine[][], startStage: string, endStage: string): Window[] {
  return perInstance.flatMap((lines, instance) => {
    const out: Window[] = []
    let start: number | null = null
    for (const line of lines) {
      if (line.stage === startStage) start = line.t
      else if (line.stage === endStage && start !== null) {
        out.push({ instance, start, end: line.t })
        start = null
      }
    }
    return out
  })
}
