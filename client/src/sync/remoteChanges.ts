import * as Y from 'yjs'
import { readYRecord, type PlainRecord, type YRecord } from './recordLayout'

/** Changed Y types with their changed keys (null: a change that is not a map key), as in `Y.Transaction.changed`. */
export type ChangedTypes = ReadonlyMap<Y.AbstractType<unknown>, ReadonlySet<string | null>>

/** Changed keys of one map inside a record; `path` runs from the record id down to the map. */
interface MapChange {
  path: readonly string[]
  keys: ReadonlySet<string | null>
}

/** What the doc changes being read changed in one record. */
interface RecordChange {
  /** The record was added, replaced or removed as a whole: read it in full. */
  whole: boolean
  /** Changed maps of the record (its own map has the path [id]). */
  maps: MapChange[]
}

/** Records to put and ids to remove, read from the doc after changes from elsewhere. */
export interface RemoteChanges {
  toPut: PlainRecord[]
  toRemove: string[]
  /** Ids whose doc entry is not a record map. */
  malformed: string[]
}

const NO_PATH: readonly string[] = []

/**
 * The keys leading from the records map down to `type` ([recordId, field, ...]), or null
 * when `type` is not inside a live record (elsewhere in the doc, or in a removed subtree).
 * Walks are cached: a record's `props` and `meta` maps share their record's.
 */
function pathFromRecords(
  type: Y.AbstractType<unknown>,
  recordsType: Y.AbstractType<unknown>,
  cache: Map<Y.AbstractType<unknown>, readonly string[] | null>,
): readonly string[] | null {
  if (type === recordsType) return NO_PATH
  let path = cache.get(type)
  if (path !== undefined) return path
  path = null
  const item = type._item
  if (item !== null && !item.deleted && item.parentSub !== null) {
    const parentPath = pathFromRecords(item.parent as Y.AbstractType<unknown>, recordsType, cache)
    if (parentPath !== null) path = [...parentPath, item.parentSub]
  }
  cache.set(type, path)
  return path
}

function changeFor(changes: Map<string, RecordChange>, id: string): RecordChange {
  let change = changes.get(id)
  if (change === undefined) {
    change = { whole: false, maps: [] }
    changes.set(id, change)
  }
  return change
}

/** Sorts changed Y types into per-record changes. */
function collectChanges(changed: ChangedTypes, records: Y.Map<YRecord>): Map<string, RecordChange> {
  const changes = new Map<string, RecordChange>()
  const recordsType = records as Y.AbstractType<unknown>
  const paths = new Map<Y.AbstractType<unknown>, readonly string[] | null>()
  for (const [type, keys] of changed) {
    if (type === recordsType) {
      for (const id of keys) if (id !== null) changeFor(changes, id).whole = true
      continue
    }
    const path = pathFromRecords(type, recordsType, paths)
    const id = path?.[0]
    if (path === null || id === undefined) continue
    const change = changeFor(changes, id)
    if (!change.whole) change.maps.push({ path, keys })
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

const byDepth = (a: MapChange, b: MapChange) => a.path.length - b.path.length

/**
 * Applies only the changed entries to the record the store holds, copying just the objects
 * on the way to them. Unchanged fields (and unchanged `props`) keep their references, so the
 * store's validation skips them: this is what keeps a large remote batch about as cheap as a
 * plain `store.put`. Answers null when the shapes do not line up (then read in full).
 */
function patchRecord(current: PlainRecord, yRecord: YRecord, maps: MapChange[]): PlainRecord | null {
  const next: Record<string, unknown> = { ...current }
  // Shallow first: a replaced subtree is read whole before deeper changes land in it.
  if (maps.length > 1) maps.sort(byDepth)
  for (const { path, keys } of maps) {
    let yMap: unknown = yRecord
    let target: Record<string, unknown> = next
    // The store's object at the same place: while `target` still holds it, it is not ours to change.
    let original: Record<string, unknown> | undefined = current
    // path[0] is the record id, the rest lead down from the record.
    for (let i = 1; i < path.length; i++) {
      const segment = path[i]!
      yMap = (yMap as Y.Map<unknown>).get(segment)
      const child = target[segment]
      if (!(yMap instanceof Y.Map) || !isPlainObject(child)) return null
      const originalChild: unknown = original?.[segment]
      let writable = child
      if (child === originalChild) {
        writable = { ...child }
        target[segment] = writable
      }
      target = writable
      original = isPlainObject(originalChild) ? originalChild : undefined
    }
    for (const key of keys) {
      if (key === null) continue
      const value = readEntry(yMap as Y.Map<unknown>, key)
      if (value === undefined) delete target[key]
      else target[key] = value
    }
  }
  return next as PlainRecord
}

/**
 * Reads what doc changes from elsewhere (one transaction's `changed`, or several merged)
 * changed: whole records for additions and replacements (and for ids in `readInFull`, e.g.
 * records the store refused before), patches of the store's current record otherwise, and ids
 * whose entries were removed. Reads the doc as it is now, so changes merged from several
 * transactions land with their latest values.
 */
export function readRemoteChanges(
  changed: ChangedTypes,
  records: Y.Map<YRecord>,
  getCurrent: (id: string) => PlainRecord | undefined,
  readInFull: ReadonlySet<string>,
): RemoteChanges {
  const result: RemoteChanges = { toPut: [], toRemove: [], malformed: [] }
  for (const [id, change] of collectChanges(changed, records)) {
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
    const patched = current === undefined ? null : patchRecord(current, yRecord, change.maps)
    result.toPut.push(patched ?? readYRecord(yRecord))
  }
  return result
}
