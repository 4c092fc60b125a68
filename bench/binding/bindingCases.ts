import * as Y from 'yjs'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLStore } from 'tldraw'
import { bindStoreToDoc, type BindOptions, type StoreDocBinding } from '../../client/src/sync/bindStoreToDoc'
import { createYRecord, getRecordsMap, writeRecordChanges, type PlainRecord } from '../../client/src/sync/recordLayout'
import { noteRecord } from '../lib/boardRecords'

// store.listen schedules its flush on the next animation frame; Node has none.
if (typeof globalThis.requestAnimationFrame === 'undefined') {
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback) => setTimeout(() => callback(performance.now()), 16) as unknown as number
  globalThis.cancelAnimationFrame = (handle: number) => clearTimeout(handle)
}

/** The three changes of issue 8, benchmark 3. */
export type BindingCaseKind = 'create' | 'update-batch' | 'update-each'

/** When the binding merges remote changes into the store (BindOptions.applyRemote). */
export type ApplyRemote = NonNullable<BindOptions['applyRemote']>

/**
 * One prepared measurement: each step runs once, on state built beforehand, so a timer or a
 * profiler around a step sees only that step.
 */
export interface PreparedCase {
  name: string
  /** store.put of the same records on a plain tldraw store. */
  plain(): void
  /** Y.applyUpdate on the bound doc, until the store holds the change. */
  bound(): void
  /** Y.applyUpdate of the same updates on an unbound copy of the doc (Yjs' own share). */
  yjsOnly(): void
  /** Throws when `bound` did not bring the change into the store. */
  check(): void
}

/** The page and document every case's store holds before the notes. */
export const BASE_RECORDS: PlainRecord[] = [
  { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
]

function plainStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

/** `count` notes; each `version` moves and re-words all of them. */
export function notes(count: number, version: number): PlainRecord[] {
  return Array.from({ length: count }, (_, i) =>
    noteRecord(`shape:n${i}`, (i % 50) * 220 + version * 7, Math.floor(i / 50) * 220 + version * 3, `便利貼 ${i} v${version}: 申請流程太複雜`),
  )
}

interface BoundPair {
  store: TLStore
  binding: StoreDocBinding
  doc: Y.Doc
  peer: Y.Doc
  unbound: Y.Doc
}

/** A bound store + doc holding `initial`, and a remote peer doc in step with it. */
function boundPair(initial: PlainRecord[], applyRemote: ApplyRemote): BoundPair {
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
  const result = bindStoreToDoc(store, doc, { seed: 'none', applyRemote })
  if (!result.ok) throw new Error(`Binding the bench store failed: ${result.message}`)
  return { store, binding: result.binding, doc, peer, unbound }
}

/** The updates the peer emits while `change` runs. */
function recordUpdates(peer: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const onUpdate = (u: Uint8Array) => updates.push(u)
  peer.on('update', onUpdate)
  change()
  peer.off('update', onUpdate)
  return updates
}

/** Applies updates as a provider does (one Y.applyUpdate each), then lets the binding finish. */
function applyAll(pair: BoundPair, updates: readonly Uint8Array[]): void {
  for (const u of updates) Y.applyUpdate(pair.doc, u, 'remote')
  // A binding that defers remote changes to a microtask does that work here, inside the timing.
  pair.binding.flush()
}

function prepareCreate(count: number, applyRemote: ApplyRemote): PreparedCase {
  const records = notes(count, 1)
  const store = plainStore()
  store.put(BASE_RECORDS as unknown as TLRecord[])
  const pair = boundPair([], applyRemote)
  // The remote peer creates every note in one transaction (a paste, or a reconnect's backlog).
  const updates = recordUpdates(pair.peer, () =>
    pair.peer.transact(() => {
      const map = getRecordsMap(pair.peer)
      for (const record of records) map.set(record.id, createYRecord(record))
    }),
  )
  const update = Y.mergeUpdates(updates)
  return {
    name: `create ${count} notes (1 update)${modeSuffix(applyRemote)}`,
    plain: () => store.put(records as unknown as TLRecord[]),
    bound: () => applyAll(pair, [update]),
    yjsOnly: () => Y.applyUpdate(pair.unbound, update, 'remote'),
    check: () => {
      if (pair.store.query.records('shape').get().length !== count) throw new Error('The binding did not put every created note into the store')
    },
  }
}

function prepareUpdate(count: number, perChange: boolean, applyRemote: ApplyRemote): PreparedCase {
  const before = notes(count, 1)
  const after = notes(count, 2)
  const store = plainStore()
  store.put([...BASE_RECORDS, ...before] as unknown as TLRecord[])
  const pair = boundPair(before, applyRemote)
  const map = getRecordsMap(pair.peer)
  const write = (i: number) => writeRecordChanges(map.get(after[i]!.id)!, before[i]!, after[i]!)
  const updates = recordUpdates(pair.peer, () => {
    if (perChange) for (let i = 0; i < count; i++) pair.peer.transact(() => write(i))
    else pair.peer.transact(() => after.forEach((_, i) => write(i)))
  })
  return {
    name: `move+edit ${count} notes (${perChange ? `${count} updates` : '1 update'})${modeSuffix(applyRemote)}`,
    plain: perChange
      ? () => {
          for (const record of after) store.put([record as unknown as TLRecord])
        }
      : () => store.put(after as unknown as TLRecord[]),
    bound: () => applyAll(pair, updates),
    yjsOnly: () => {
      for (const u of updates) Y.applyUpdate(pair.unbound, u, 'remote')
    },
    check: () => {
      const last = after[count - 1]!
      const moved = pair.store.get(last.id as TLRecord['id']) as unknown as PlainRecord | undefined
      if (moved === undefined || moved.x !== last.x || JSON.stringify(moved['props']) !== JSON.stringify(last['props'])) {
        throw new Error('The binding did not apply the remote moves and edits to the store')
      }
    },
  }
}

// 'next-frame' (the app's mode, useBoardSync) costs what 'end-of-task' does plus scheduling its
// frame: the bench flushes right after applying, as the frame would.
const modeSuffix = (applyRemote: ApplyRemote) =>
  applyRemote === 'at-once' ? '' : `, merged once (${applyRemote}${applyRemote === 'next-frame' ? ', as the app' : ''})`

/** Builds the state for one measurement of `kind` with `count` shape changes. */
export function prepareCase(kind: BindingCaseKind, count: number, applyRemote: ApplyRemote = 'at-once'): PreparedCase {
  if (kind === 'create') return prepareCreate(count, applyRemote)
  return prepareUpdate(count, kind === 'update-each', applyRemote)
}

/**
 * The measured cases: issue 8's three with the binding's default (each transaction merged at
 * once), and the many-updates case again with them merged at the end of the task.
 */
export const BENCH_CASES: readonly { kind: BindingCaseKind; applyRemote: ApplyRemote }[] = [
  { kind: 'create', applyRemote: 'at-once' },
  { kind: 'update-batch', applyRemote: 'at-once' },
  { kind: 'update-each', applyRemote: 'at-once' },
  { kind: 'update-each', applyRemote: 'next-frame' },
]
