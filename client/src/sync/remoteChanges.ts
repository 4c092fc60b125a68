import * as Y from 'yjs'
import { readYRecord, type PlainRecord, type YRecord } from './recordLayout'

/** What one doc transaction changed in one record. */
interface RecordChange {
  /** The record was added, replaced or removed as a whole: read it in full. */
  whole: boolean
  /** Changed top-level fields. */
  fields: string[]
  /** Changed entries of nested maps (`props`, `meta`), by field; null while there are none. */
  nested: Map<string, string[]> | null
}

/** Records to put and ids to remove, read from the doc after a transaction from elsewhere. */
export interface RemoteChanges {
  toPut: PlainRecord[]
  toRemove: string[]
  /** Ids whose doc entry is not a record map. */
  malformed: string[]
}

function changeFor(changes: Map<string, RecordChange>, id: string): RecordChange {
  let change = changes.get(id)
  if (change === undefined) {
    change = { whole: false, fields: [], nested: null }
    changes.set(id, change)
  }
  return change
}

/** Sorts a transaction's changed Y types into per-record changes (records map, record maps, nested maps). */
function collectChanges(tr: Y.Transaction, records: Y.Map<YRecord>): Map<string, RecordChange> {
  const changes = new Map<string, RecordChange>()
  const recordsType = records as Y.AbstractType<unknown>
  for (const [type, keys] of tr.changed) {
    if (type === recordsType) {
      for (const id of keys) if (id !== null) changeFor(changes, id).whole = true
      continue
    }
    const item = type._item
    if (item === null || item.parentSub === null) continue
    if (item.parent === recordsType) {
      const change = changeFor(changes, item.parentSub)
      for (const key of keys) if (key !== null) change.fields.push(key)
      continue
    }
    const parentItem = (item.parent as Y.AbstractType<unknown> | null)?._item
    if (parentItem && parentItem.parent === recordsType && parentItem.parentSub !== null) {
      const change = changeFor(changes, parentItem.parentSub)
      change.nested ??= new Map()
      let nestedKeys = change.nested.get(item.parentSub)
      if (nestedKeys === undefined) {
        nestedKeys = []
        change.nested.set(item.parentSub, nestedKeys)
      }
      for (const key of keys) if (key !== null) nestedKeys.push(key)
    }
  }
  return changes
}

function readEntry(map: Y.Map<unknown>, key: string): unknown {
  const value = map.get(key)
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

/**
 * Applies only the changed fields to the record the store holds. Unchanged fields (and
 * unchanged `props`) keep their references, so the store's validation skips them: this is
 * what keeps a large remote batch about as cheap as a plain `store.put`.
 */
function patchRecord(current: PlainRecord, yRecord: YRecord, change: RecordChange): PlainRecord | null {
  const next: Record<string, unknown> = { ...current }
  for (const field of change.fields) {
    const value = readEntry(yRecord, field)
    if (value === undefined) delete next[field]
    else next[field] = value
  }
  if (change.nested === null) return next as PlainRecord
  for (const [field, keys] of change.nested) {
    if (change.fields.includes(field)) continue
    const nestedMap = yRecord.get(field)
    const base = current[field]
    if (!(nestedMap instanceof Y.Map) || typeof base !== 'object' || base === null) return null
    const nested: Record<string, unknown> = { ...(base as Record<string, unknown>) }
    for (const key of keys) {
      const value = readEntry(nestedMap, key)
      if (value === undefined) delete nested[key]
      else nested[key] = value
    }
    next[field] = nested
  }
  return next as PlainRecord
}

/**
 * Reads what a doc transaction from elsewhere changed: whole records for additions and
 * replacements (and for ids in `readInFull`, e.g. records the store refused before), patches
 * of the store's current record otherwise, and ids whose entries were removed.
 */
export function readRemoteChanges(
  tr: Y.Transaction,
  records: Y.Map<YRecord>,
  getCurrent: (id: string) => PlainRecord | undefined,
  readInFull: ReadonlySet<string>,
): RemoteChanges {
  const result: RemoteChanges = { toPut: [], toRemove: [], malformed: [] }
  for (const [id, change] of collectChanges(tr, records)) {
    const yRecord = records.get(id)
    if (yRecord === undefined) {
      result.toRemove.push(id)
      continue
    }
    if (!(yRecord instanceof Y.Map)) {
      result.malformed.push(id)
      continue
    }
    const current = change.whole || readInFull.has(id) ? undefined : getCurrent(id)
    const patched = current === undefined ? null : patchRecord(current, yRecord, change)
    result.toPut.push(patched ?? readYRecord(yRecord))
  }
  return result
}
