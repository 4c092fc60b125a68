import * as Y from 'yjs'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLStore } from 'tldraw'
import { bindStoreToDoc } from '../../client/src/sync/bindStoreToDoc'
import { createYRecord, getRecordsMap, writeRecordChanges, type PlainRecord } from '../../client/src/sync/recordLayout'
import { noteRecord } from '../lib/boardRecords'
import { collectGarbage } from '../lib/gc'
import { fmt, median } from '../lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from '../lib/table'

// store.listen schedules its flush on the next animation frame; Node has none.
if (typeof globalThis.requestAnimationFrame === 'undefined') {
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback) => setTimeout(() => callback(performance.now()), 16) as unknown as number
  globalThis.cancelAnimationFrame = (handle: number) => clearTimeout(handle)
}

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

const BASE_RECORDS: PlainRecord[] = [
  { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
]

function plainStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

function notes(count: number, version: number): PlainRecord[] {
  return Array.from({ length: count }, (_, i) =>
    noteRecord(`shape:n${i}`, (i % 50) * 220 + version * 7, Math.floor(i / 50) * 220 + version * 3, `便利貼 ${i} v${version}: 申請流程太複雜`),
  )
}

/** A bound store + doc holding `initial`, and a remote peer doc in step with it. */
function boundPair(initial: PlainRecord[]): { store: TLStore; doc: Y.Doc; peer: Y.Doc; unbound: Y.Doc } {
  const peer = new Y.Doc()
  peer.transact(() => {
    const records = getRecordsMap(peer)
    for (const record of [...BASE_RECORDS, ...initial]) records.set(record.id, createYRecord(record))
  })
  const state = Y.encodeStateAsUpdate(peer)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const unbound = new Y.Doc()
  Y.applyUpdate(unbound, state)
  const store = plainStore()
  const result = bindStoreToDoc(store, doc, { seed: 'none' })
  if (!result.ok) throw new Error(`Binding the bench store failed: ${result.message}`)
  return { store, doc, peer, unbound }
}

/** Times `fn` in milliseconds. */
function time(fn: () => void): number {
  collectGarbage()
  const start = performance.now()
  fn()
  return performance.now() - start
}

function measureCreate(count: number): BindingCase {
  const records = notes(count, 1)
  const store = plainStore()
  store.put(BASE_RECORDS as unknown as TLRecord[])
  const plainMs = time(() => store.put(records as unknown as TLRecord[]))
  const pair = boundPair([])
  // The remote peer creates every note in one transaction (a paste, or a reconnect's backlog).
  const updates: Uint8Array[] = []
  pair.peer.on('update', (u: Uint8Array) => updates.push(u))
  pair.peer.transact(() => {
    const map = getRecordsMap(pair.peer)
    for (const record of records) map.set(record.id, createYRecord(record))
  })
  const update = Y.mergeUpdates(updates)
  const boundMs = time(() => Y.applyUpdate(pair.doc, update, 'remote'))
  const yjsOnlyMs = time(() => Y.applyUpdate(pair.unbound, update, 'remote'))
  if (pair.store.query.records('shape').get().length !== count) throw new Error('The binding did not put every created note into the store')
  return { name: `create ${count} notes (1 update)`, plainMs, boundMs, yjsOnlyMs }
}

function measureUpdate(count: number, perChange: boolean): BindingCase {
  const before = notes(count, 1)
  const after = notes(count, 2)
  const store = plainStore()
  store.put([...BASE_RECORDS, ...before] as unknown as TLRecord[])
  const plainMs = perChange
    ? time(() => {
        for (const record of after) store.put([record as unknown as TLRecord])
      })
    : time(() => store.put(after as unknown as TLRecord[]))
  const pair = boundPair(before)
  const updates: Uint8Array[] = []
  pair.peer.on('update', (u: Uint8Array) => updates.push(u))
  const map = getRecordsMap(pair.peer)
  const write = (i: number) => writeRecordChanges(map.get(after[i]!.id)!, before[i]!, after[i]!)
  if (perChange) for (let i = 0; i < count; i++) pair.peer.transact(() => write(i))
  else pair.peer.transact(() => after.forEach((_, i) => write(i)))
  const boundMs = time(() => {
    for (const u of updates) Y.applyUpdate(pair.doc, u, 'remote')
  })
  const yjsOnlyMs = time(() => {
    for (const u of updates) Y.applyUpdate(pair.unbound, u, 'remote')
  })
  const moved = pair.store.get(after[count - 1]!.id as TLRecord['id']) as unknown as PlainRecord | undefined
  if (moved?.x !== after[count - 1]!.x) throw new Error('The binding did not apply the remote moves to the store')
  return {
    name: perChange ? `move+edit ${count} notes (${count} updates)` : `move+edit ${count} notes (1 update)`,
    plainMs,
    boundMs,
    yjsOnlyMs,
  }
}

function medianCase(runs: BindingCase[]): BindingCase {
  return {
    name: runs[0]!.name,
    plainMs: median(runs.map((r) => r.plainMs)),
    boundMs: median(runs.map((r) => r.boundMs)),
    yjsOnlyMs: median(runs.map((r) => r.yjsOnlyMs)),
  }
}

/** Binding overhead (issue 8, benchmark 3): remote changes through the binding vs store.put. */
export async function runBindingBench(options: BindingBenchOptions = {}): Promise<BenchResult<BindingCase[]>> {
  const count = options.changes ?? 1000
  const repetitions = options.repetitions ?? 7
  // Warm the JIT on both paths before measuring.
  measureCreate(Math.min(count, 200))
  measureUpdate(Math.min(count, 200), false)
  const cases = [
    medianCase(Array.from({ length: repetitions }, () => measureCreate(count))),
    medianCase(Array.from({ length: repetitions }, () => measureUpdate(count, false))),
    medianCase(Array.from({ length: repetitions }, () => measureUpdate(count, true))),
  ]
  const rows = [['case', 'store.put ms', 'via binding ms', 'ratio', 'Yjs apply alone ms', 'binding only ms', 'binding only ratio']]
  const checks: TargetCheck[] = []
  for (const c of cases) {
    const ratioTotal = c.boundMs / c.plainMs
    const bindingOnly = Math.max(0, c.boundMs - c.yjsOnlyMs)
    rows.push([c.name, fmt(c.plainMs, 2), fmt(c.boundMs, 2), `${ratioTotal.toFixed(2)}×`, fmt(c.yjsOnlyMs, 2), fmt(bindingOnly, 2), `${(bindingOnly / c.plainMs).toFixed(2)}×`])
    checks.push({ target: `${c.name} ≤1.3×`, actual: `${ratioTotal.toFixed(2)}×`, pass: ratioTotal <= 1.3 })
  }
  return {
    name: 'binding',
    table: renderTable(rows),
    summary: summaryLine('binding', `${count} remote changes, median of ${repetitions}`, checks),
    checks,
    data: cases,
  }
}
