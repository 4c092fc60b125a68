import * as Y from 'yjs'
import { transaction, type SerializedStore, type TLRecord, type TLStore } from 'tldraw'
import {
  SCHEMA_KEY,
  createYRecord,
  getMetaMap,
  getRecordsMap,
  jsonEqual,
  readDocSchema,
  readYRecord,
  writeRecordChanges,
  type PlainRecord,
  type YRecord,
} from './recordLayout'
import { PendingRemoteChanges } from './pendingRemoteChanges'
import { readRemoteChanges, type ChangedTypes } from './remoteChanges'
import { isSameSchema, isSchemaNewer } from './schemaVersion'

/** A record from the doc that the store refused (failed validation or is not a document record). */
export interface RejectedRecord {
  id: string
  error: unknown
}

export interface BindOptions {
  /** When the doc holds no records: copy the store's document records into it (default) or leave it empty. */
  seed?: 'store' | 'none'
  /** Records from the doc that could not be put into the store; the rest of their batch still lands. */
  onRejectedRecords?: (rejected: RejectedRecord[]) => void
  /** A client with a newer schema wrote to the board while we were bound; the page must reload. */
  onNewerSchema?: () => void
  /**
   * When doc changes from elsewhere reach the store. `'at-once'` (default): inside each doc
   * transaction, so the store is up to date as soon as `Y.applyUpdate` returns. `'end-of-task'`:
   * every transaction of one task is merged into the store once, in a microtask (before the
   * browser renders or handles input). `'next-frame'`: every transaction until the next
   * animation frame is merged once (tldraw draws per frame anyway; a websocket delivers each
   * message as a task of its own, so only this mode merges a burst of messages), or after
   * `FRAME_FALLBACK_MS` in a tab that draws no frames (a hidden one). With either,
   * `flush()` merges at once. Many small updates then cost one store merge instead of one each.
   */
  applyRemote?: 'at-once' | 'end-of-task' | 'next-frame'
  /**
   * When the board's shapes reach the store at load. `'at-once'` (default): with the rest of
   * the board, before `bindStoreToDoc` returns. `'on-demand'`: pages, bindings and the other
   * records at once, the shapes when `loadShapes` is called, as one remote change per call.
   * An editor can then mount on the pages and draw what is in view before the rest of a big
   * board is in (docs/performance.md, "Board open"). Bindings come first on purpose: put
   * into a mounted editor they run tldraw's arrow side effects, ~2 s for 5,000 shapes.
   */
  initialShapes?: 'at-once' | 'on-demand'
}

/** A live two-way link between one tldraw store and one Y.Doc. */
export interface StoreDocBinding {
  /** The transaction origin of every doc write made by this binding. */
  readonly origin: object
  /** Brings the store up to every doc change made so far (with `applyRemote: 'end-of-task'` they wait for a microtask). */
  flush(): void
  /**
   * With `initialShapes: 'on-demand'`: puts the board's held-back shapes into the store, as
   * one remote change: those `select` picks from them, or all. What is left waits for the
   * next call; once all are in (or after `unbind`), calls do nothing.
   */
  loadShapes(select?: (held: readonly PlainRecord[]) => readonly PlainRecord[]): void
  /** Stops syncing in both directions; the store and the doc keep their contents. */
  unbind(): void
}

export type BindResult =
  | { ok: true; binding: StoreDocBinding; migrated: boolean; seeded: boolean }
  | { ok: false; reason: 'newer-schema' | 'load-failed'; message: string }

function isDocumentRecord(store: TLStore, record: PlainRecord): boolean {
  const type = (store.schema.types as Record<string, { scope: string } | undefined>)[record.typeName]
  return type?.scope === 'document'
}

/**
 * Puts records and removes ids as one remote change. When the batch fails (a record does not
 * validate) it is rolled back and retried record by record, so one bad record never blocks
 * the others. Answers the records the store refused.
 */
function mergeIntoStore(store: TLStore, records: PlainRecord[], removedIds: string[]): RejectedRecord[] {
  const rejected: RejectedRecord[] = []
  const accepted: TLRecord[] = []
  for (const record of records) {
    if (isDocumentRecord(store, record)) accepted.push(record as unknown as TLRecord)
    else rejected.push({ id: record.id, error: new Error(`"${record.typeName}" is not a document record type`) })
  }
  const removals = removedIds.filter((id) => store.has(id as TLRecord['id'])) as TLRecord['id'][]
  if (accepted.length === 0 && removals.length === 0) return rejected
  try {
    // A transaction of our own, so a failed batch is rolled back even inside an outer one.
    transaction(() => {
      store.mergeRemoteChanges(() => {
        if (accepted.length > 0) store.put(accepted)
        if (removals.length > 0) store.remove(removals)
      })
    })
    return rejected
  } catch {
    store.mergeRemoteChanges(() => {
      for (const record of accepted) {
        try {
          store.put([record])
        } catch (error) {
          rejected.push({ id: record.id, error })
        }
      }
      if (removals.length > 0) store.remove(removals)
    })
    return rejected
  }
}

/** The longest a remote change waits for its frame: a hidden tab draws none (browsers also slow its timers). */
export const FRAME_FALLBACK_MS = 100

/**
 * Runs `fn` once: at the next animation frame, or after `FRAME_FALLBACK_MS` if no frame
 * comes first (a zero timeout where there are no frames at all, as in Node).
 */
function afterNextFrame(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(fn, 0)
    return
  }
  let ran = false
  let frame: number | undefined
  let fallback: ReturnType<typeof setTimeout> | undefined
  const once = () => {
    if (ran) return
    ran = true
    clearTimeout(fallback)
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
    fn()
  }
  frame = requestAnimationFrame(once)
  if (!ran) fallback = setTimeout(once, FRAME_FALLBACK_MS)
}

function reportRejected(rejected: RejectedRecord[], options: BindOptions): void {
  if (rejected.length === 0) return
  if (options.onRejectedRecords) options.onRejectedRecords(rejected)
  else console.warn(`[civic-canvas] ${rejected.length} board record(s) could not be loaded and were skipped`, rejected)
}

function writeRecordsToDoc(records: Y.Map<YRecord>, toWrite: Iterable<PlainRecord>): void {
  for (const record of toWrite) {
    const existing = records.get(record.id)
    if (existing instanceof Y.Map) writeRecordChanges(existing, readYRecord(existing), record)
    else records.set(record.id, createYRecord(record))
  }
}

type LoadResult =
  | { ok: true; migrated: boolean; seeded: boolean; deferred: PlainRecord[] }
  | { ok: false; reason: 'newer-schema' | 'load-failed'; message: string }

/** What `initialShapes: 'on-demand'` holds back. */
function isDeferredAtLoad(record: PlainRecord): boolean {
  return record.typeName === 'shape'
}

/** Brings the store up to the doc's contents (migrating them first) or seeds an empty doc. */
function loadDocIntoStore(store: TLStore, doc: Y.Doc, origin: object, options: BindOptions): LoadResult {
  const records = getRecordsMap(doc)
  const meta = getMetaMap(doc)
  const clientSchema = store.schema.serialize()
  const docSchema = readDocSchema(doc)

  if (docSchema && isSchemaNewer(docSchema, clientSchema)) {
    return {
      ok: false,
      reason: 'newer-schema',
      message: 'This board was saved by a newer version of the app. Reload the page to update.',
    }
  }

  if (records.size === 0) {
    const seeded = options.seed !== 'none'
    doc.transact(() => {
      if (seeded) writeRecordsToDoc(records, Object.values(store.serialize('document')) as unknown as PlainRecord[])
      if (!docSchema || !isSameSchema(docSchema, clientSchema)) meta.set(SCHEMA_KEY, clientSchema)
    }, origin)
    return { ok: true, migrated: false, seeded, deferred: [] }
  }

  const snapshot: Record<string, PlainRecord> = {}
  records.forEach((yRecord, id) => {
    if (yRecord instanceof Y.Map) snapshot[id] = readYRecord(yRecord)
  })
  const migration = store.schema.migrateStoreSnapshot({
    store: snapshot as unknown as SerializedStore<TLRecord>,
    // A doc with records but no schema was written by this same build before the schema existed.
    schema: docSchema ?? clientSchema,
  })
  if (migration.type === 'error') {
    return {
      ok: false,
      reason: 'load-failed',
      message: `The board's records could not be migrated to this version (${migration.reason}).`,
    }
  }
  const migratedRecords = migration.value as unknown as Record<string, PlainRecord>
  const migrated = migratedRecords !== (snapshot as unknown)
  const schemaOutdated = !docSchema || !isSameSchema(docSchema, clientSchema)
  if (migrated || schemaOutdated) {
    doc.transact(() => {
      if (migrated) {
        const changed = Object.values(migratedRecords).filter((record) => !jsonEqual(snapshot[record.id], record))
        writeRecordsToDoc(records, changed)
        for (const id of Object.keys(snapshot)) if (!(id in migratedRecords)) records.delete(id)
      }
      meta.set(SCHEMA_KEY, clientSchema)
    }, origin)
  }

  const docIds = new Set(Object.keys(migratedRecords))
  const stale = Object.keys(store.serialize('document')).filter((id) => !docIds.has(id))
  const all = Object.values(migratedRecords)
  const deferred = options.initialShapes === 'on-demand' ? all.filter(isDeferredAtLoad) : []
  const now = deferred.length > 0 ? all.filter((record) => !isDeferredAtLoad(record)) : all
  reportRejected(mergeIntoStore(store, now, stale), options)
  return { ok: true, migrated, seeded: false, deferred }
}

/**
 * Binds a tldraw store to a board's Y.Doc (layout in recordLayout.ts). Loads the doc into the
 * store first (migrating older boards and writing them back; refusing newer ones), then keeps
 * both in step: local document changes become one doc transaction each, field by field; every
 * doc change from elsewhere (websocket, IndexedDB, tests) is merged into the store as a remote
 * change, so it is never echoed back and never enters the undo history. Never throws for bad
 * board content: answers `{ ok: false, reason }` instead.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: BindOptions = {}): BindResult {
  const origin = { binding: 'civic-canvas/store' }
  let load: LoadResult
  try {
    load = loadDocIntoStore(store, doc, origin, options)
  } catch (error) {
    return { ok: false, reason: 'load-failed', message: `The board could not be loaded: ${String(error)}` }
  }
  if (!load.ok) return load

  const records = getRecordsMap(doc)
  const meta = getMetaMap(doc)
  const clientSchema = store.schema.serialize()
  // Once a newer client has written the board, our records would be in an older format:
  // stop writing and let the page reload instead of corrupting the board.
  let superseded = false

  const stopListening = store.listen(
    ({ changes }) => {
      if (superseded) return
      doc.transact(() => {
        for (const id in changes.added) {
          const record = changes.added[id as keyof typeof changes.added] as unknown as PlainRecord
          records.set(record.id, createYRecord(record))
        }
        for (const id in changes.updated) {
          const [from, to] = changes.updated[id as keyof typeof changes.updated] as unknown as [PlainRecord, PlainRecord]
          const yRecord = records.get(to.id)
          if (yRecord instanceof Y.Map) writeRecordChanges(yRecord, from, to)
          // Gone from the doc: someone deleted it while this edit waited for its frame. The
          // delete wins, as it does for edits made offline; the removal reaches the store next.
          else if (yRecord !== undefined) records.set(to.id, createYRecord(to))
        }
        for (const id in changes.removed) records.delete(id)
      }, origin)
    },
    { source: 'user', scope: 'document' },
  )

  // Records the store refused; they are read in full next time instead of patched.
  const refusedIds = new Set<string>()
  const getCurrent = (id: string) =>
    store.unsafeGetWithoutCapture(id as TLRecord['id']) as unknown as PlainRecord | undefined
  // Shapes held back at load (`initialShapes: 'on-demand'`), and the ids changed from
  // elsewhere meanwhile: those reach the store as they change, newer than what was read.
  let deferred: PlainRecord[] | null = load.deferred.length > 0 ? load.deferred : null
  const changedSinceLoad = new Set<string>()
  const mergeRemote = (changed: ChangedTypes) => {
    // Local changes not yet written (tldraw batches them per frame) must reach the doc first,
    // or the records patched below would overwrite them in the store.
    store._flushHistory()
    const { toPut, toRemove, malformed } = readRemoteChanges(changed, records, getCurrent, refusedIds)
    if (deferred) {
      for (const record of toPut) changedSinceLoad.add(record.id)
      for (const id of toRemove) changedSinceLoad.add(id)
    }
    if (toPut.length === 0 && toRemove.length === 0 && malformed.length === 0) return
    const rejected: RejectedRecord[] = malformed.map((id) => ({ id, error: new Error('record is not stored as a map') }))
    rejected.push(...mergeIntoStore(store, toPut, toRemove))
    for (const record of toPut) refusedIds.delete(record.id)
    for (const { id } of rejected) refusedIds.add(id)
    reportRejected(rejected, options)
  }

  const pending = new PendingRemoteChanges()
  let flushScheduled = false
  const flush = () => {
    if (!pending.isEmpty) mergeRemote(pending.take())
  }
  const applyRemote = options.applyRemote ?? 'at-once'
  // Reads the changed types straight off the transaction: observeDeep would build an event
  // object (and its path) for every changed map, a large share of applying a big batch.
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === origin || tr.changed.size === 0) return
    if (applyRemote === 'at-once') {
      mergeRemote(tr.changed as ChangedTypes)
      return
    }
    pending.add(tr.changed as ChangedTypes)
    if (flushScheduled) return
    flushScheduled = true
    const scheduledFlush = () => {
      flushScheduled = false
      flush()
    }
    if (applyRemote === 'end-of-task') queueMicrotask(scheduledFlush)
    else afterNextFrame(scheduledFlush)
  }
  doc.on('afterTransaction', onTransaction)

  const onMetaChanged = (event: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
    if (tr.origin === origin || !event.keysChanged.has(SCHEMA_KEY)) return
    const docSchema = readDocSchema(doc)
    if (docSchema && isSchemaNewer(docSchema, clientSchema) && !superseded) {
      superseded = true
      options.onNewerSchema?.()
    }
  }
  meta.observe(onMetaChanged)

  let unbound = false
  const binding: StoreDocBinding = {
    origin,
    flush,
    loadShapes(select) {
      if (!deferred || unbound) return
      flush()
      // Changed from elsewhere meanwhile: already in the store as they are now (or removed).
      const held = deferred.filter((record) => !changedSinceLoad.has(record.id))
      const toPut = select ? select(held) : held
      const put = new Set(toPut.map((record) => record.id))
      deferred = held.filter((record) => !put.has(record.id))
      if (deferred.length === 0) {
        deferred = null
        changedSinceLoad.clear()
      }
      const rejected = mergeIntoStore(store, [...toPut], [])
      for (const { id } of rejected) refusedIds.add(id)
      reportRejected(rejected, options)
    },
    unbind() {
      if (unbound) return
      unbound = true
      deferred = null
      stopListening()
      doc.off('afterTransaction', onTransaction)
      pending.clear()
      meta.unobserve(onMetaChanged)
    },
  }
  return { ok: true, binding, migrated: load.migrated, seeded: load.seeded }
}
