import { timedAfterGc as time } from '../lib/gc'
import { fmt, median } from '../lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from '../lib/table'
import { BENCH_CASES, prepareCase, type ApplyRemote, type BindingCaseKind } from './bindingCases'
import { measureYjsFloor } from './yjsFloor'

export interface BindingBenchOptions {
  /** Remote shape changes per measurement (issue 8: 1,000). */
  changes?: number
  /** Measurements per case; the median is reported. */
  repetitions?: number
}

/** One case: what a plain store.put costs and what the same change costs arriving through the binding. */
export interface BindingCase {
  name: string
  plainMs: number
  /** Y.applyUpdate on the bound doc: Yjs decoding plus the binding plus store.put. */
  boundMs: number
  /** Y.applyUpdate of the same update on an unbound doc (Yjs' own share). */
  yjsOnlyMs: number
}

/** Issue 8's target: remote changes through the binding cost at most 1.3× store.put. */
const TARGET_RATIO = 1.3

function measure(kind: BindingCaseKind, count: number, applyRemote: ApplyRemote): BindingCase {
  const prepared = prepareCase(kind, count, applyRemote)
  const plainMs = time(prepared.plain)
  const boundMs = time(prepared.bound)
  const yjsOnlyMs = time(prepared.yjsOnly)
  prepared.check()
  return { name: prepared.name, plainMs, boundMs, yjsOnlyMs }
}

function medianCase(runs: BindingCase[]): BindingCase {
  return {
    name: runs[0]!.name,
    plainMs: median(runs.map((r) => r.plainMs)),
    boundMs: median(runs.map((r) => r.boundMs)),
    yjsOnlyMs: median(runs.map((r) => r.yjsOnlyMs)),
  }
}

const ratio = (value: number) => `${value.toFixed(2)}×`
// Via binding minus Yjs alone can come out below zero on a busy machine: say so, not "0".
const bindingOnlyRatio = (ms: number, plainMs: number) => (ms > 0 ? ratio(ms / plainMs) : 'below noise')

/**
 * Binding overhead (issue 8, benchmark 3): remote changes through the binding vs store.put.
 * The target is judged on the total (Yjs decoding + binding); the binding's own share is
 * printed beside it, never in its place.
 */
export async function runBindingBench(options: BindingBenchOptions = {}): Promise<BenchResult<BindingCase[]>> {
  const count = options.changes ?? 1000
  const repetitions = options.repetitions ?? 7
  // Warm the JIT on every path before measuring.
  for (const { kind, applyRemote } of BENCH_CASES) measure(kind, Math.min(count, 200), applyRemote)
  const cases = BENCH_CASES.map(({ kind, applyRemote }) =>
    medianCase(Array.from({ length: repetitions }, () => measure(kind, count, applyRemote))),
  )
  const rows = [
    ['case', 'store.put ms', 'via binding ms', 'total ÷ put', 'Yjs apply alone ms', 'binding only ms', 'binding only ÷ put'],
  ]
  const checks: TargetCheck[] = []
  for (const c of cases) {
    const totalRatio = c.boundMs / c.plainMs
    const bindingOnly = c.boundMs - c.yjsOnlyMs
    const bindingRatio = bindingOnlyRatio(bindingOnly, c.plainMs)
    rows.push([c.name, fmt(c.plainMs, 2), fmt(c.boundMs, 2), ratio(totalRatio), fmt(c.yjsOnlyMs, 2), fmt(bindingOnly, 2), bindingRatio])
    checks.push({
      target: `${c.name} total ≤${TARGET_RATIO}× store.put`,
      actual: `total ${ratio(totalRatio)}, binding only ${bindingRatio}, Yjs apply ${ratio(c.yjsOnlyMs / c.plainMs)}`,
      pass: totalRatio <= TARGET_RATIO,
    })
  }
  // What any Yjs binding would pay at least: the target cannot be met below this.
  const floor = measureYjsFloor(count, repetitions)
  const floorRows = [['floor case (one JSON string per record)', 'store.put ms', 'Yjs apply ms', 'JSON.parse ms', 'floor total ÷ put']]
  const floorRatios = floor.map((f) => (f.plainMs + f.applyMs + f.parseMs) / f.plainMs)
  floor.forEach((f, i) => floorRows.push([f.name, fmt(f.plainMs, 2), fmt(f.applyMs, 2), fmt(f.parseMs, 2), ratio(floorRatios[i]!)]))
  const floorNote = `Yjs floor ${floorRatios.map(ratio).join(' / ')} of store.put`
  return {
    name: 'binding',
    table: `${renderTable(rows)}\n\n${renderTable(floorRows)}\nFloor: the cheapest Yjs layout (no field-level merging) decoded and parsed, plus the store.put every binding ends with.`,
    summary: summaryLine('binding', `${count} remote changes, median of ${repetitions}; ${floorNote}`, checks),
    checks,
    data: cases,
  }
}
