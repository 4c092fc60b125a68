import * as Y from 'yjs'
import { readYRecord, type PlainRecord, type YRecord } from './recordLayout'

/** Changed keys of one map inside a record, found at `path` (field names from the record down). */
interface MapChange {
  path: string[]
  keys: string[]
}

/** What one doc transaction changed in one record. */
interface RecordChange {
  /** The record was added, replaced or removed as a whole: read it in full. */
  whole: boolean
  /** Changed maps of the record (its own map has the empty path). */
  maps: MapChange[]
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
    change = { whole: false, maps: [] }
    changes.set(id, change)
  }
  return change
}

/**
 * The keys leading from the records map down to `type` ([recordId, field, ...]), or null
 * when `type` is not inside a live record (elsewhere in the doc, or in a removed subtree).
 */
function pathFromRecords(type: Y.AbstractType<unknown>, recordsType: Y.AbstractType<unknown>): string[] | null {
  const path: string[] = []
  let current: Y.AbstractType<unknown> = type
  while (current !== recordsType) {
    const item = current._item
    if (item === null || item.deleted || item.parentSub === null) return null
    path.push(item.parentSub)
    current = item.parent as Y.AbstractType<unknown>
  }
  return path.reverse()
}

/** Sorts a transaction's changed Y types into per-record changes. */
function collectChanges(tr: Y.Transaction, records: Y.Map<YRecord>): Map<string, RecordChange> {
  const changes = new Map<string, RecordChange>()
  const recordsType = records as Y.AbstractType<unknown>
  for (const [type, keys] of tr.changed) {
    if (type === recordsType) {
      for (const id of keys) if (id !== null) changeFor(changes, id).whole = true
      continue
    }
    const path = pathFromRecords(type as Y.AbstractType<unknown>, recordsType)
    const id = path?.[0]
    if (path === null || id === undefined) continue
    const changedKeys: string[] = []
    for (const key of keys) if (key !== null) changedKeys.push(key)
    changeFor(changes, id).maps.push({ path: path.slice(1), keys: changedKeys })
  }
  return changes
}

function readEntry(map: Y.Map<unknown>, key: string): unknown {
  const value = map.get(key)
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Applies only the changed entries to the record the store holds, copying just the objects
 * on the way to them. Unchanged fields (and unchanged `props`) keep their references, so the
 * store's validation skips them: this is what keeps a large remote batch about as cheap as a
 * plain `store.put`. Answers null when the shapes do not line up (then read in full).
 */
function patchRecord(current: PlainRecord, yRecord: YRecord, change: RecordChange): PlainRecord | null {
  const next: Record<string, unknown> = { ...current }
  const copied = new Set<object>([next])
  // Shallow first: a replaced subtree is read whole before deeper changes land in it.
  const maps = change.maps.length > 1 ? [...change.maps].sort((a, b) => a.path.length - b.path.length) : change.maps
  for (const { path, keys } of maps) {
    let yMap: unknown = yRecord
    let target: Record<string, unknown> = next
    for (const segment of path) {
      yMap = (yMap as Y.Map<unknown>).get(segment)
      const child = target[segment]
      if (!(yMap instanceof Y.Map) || !isPlainObject(child)) return null
      let copy = child
      if (!copied.has(child)) {
        copy = { ...child }
        copied.add(copy)
        target[segment] = copy
      }
      target = copy
    }
    for (const key of keys) {
      const value = readEntry(yMap as Y.Map<unknown>, key)
      if (value === undefined) delete target[key]
      else target[key] = value
    }
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
