import * as Y from 'yjs'

/**
 * Which tldraw records a Yjs update would change, worked out before it is applied, so a
 * refused update never reaches the document. Layout (client/src/sync/recordLayout.ts):
 * `doc.getMap('records')` maps a record id to a Y.Map of its fields, with `props` and
 * `meta` as nested Y.Maps. Any struct below a record's map, or the entry holding it,
 * touches that record; so does deleting any of them.
 */
export const RECORDS_MAP = 'records'

/** The nested map of a record that holds `templateLocked`. */
const META_FIELD = 'meta'

type Found = { incoming: true; item: Y.Item } | { incoming: false; item: Y.Item }

/**
 * Record ids under `records` that applying `update` to `doc` would write or delete.
 * Structs `doc` already has and deletions of what is already deleted change nothing and
 * are skipped (a sync step 2 carries the whole delete set). A struct whose parent cannot be
 * found (its parent was deleted and collected, or it waits for a missing update) touches
 * nothing live: its parent is named when the missing part arrives and is checked then.
 */
export function recordsTouchedBy(doc: Y.Doc, update: Uint8Array): Set<string> {
  const { structs, ds } = Y.decodeUpdate(update)
  const store = doc.store
  const records = doc.getMap(RECORDS_MAP)
  const incoming = new Map<number, Y.Item[]>()
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const list = incoming.get(struct.id.client) ?? []
    list.push(struct)
    incoming.set(struct.id.client, list)
  }

  const find = (id: Y.ID): Found | null => {
    if (id.clock < Y.getState(store, id.client)) {
      const structsOfClient = store.clients.get(id.client)!
      const stored = structsOfClient[Y.findIndexSS(structsOfClient, id.clock)]
      return stored instanceof Y.Item ? { incoming: false, item: stored } : null
    }
    // Decoded structs of one client come in clock order: binary search.
    const candidates = incoming.get(id.client) ?? []
    let low = 0
    let high = candidates.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const item = candidates[mid]!
      if (id.clock < item.id.clock) high = mid - 1
      else if (id.clock >= item.id.clock + item.length) low = mid + 1
      else return { incoming: true, item }
    }
    return null
  }

  /** One step up: the record key when known, null outside records, undefined when lost, or the next item to look at. */
  const step = (found: Found): string | null | undefined | Found => {
    const { item } = found
    const parent = item.parent
    if (!found.incoming) {
      if (!(parent instanceof Y.AbstractType)) return undefined
      if (parent === records) return item.parentSub ?? undefined
      return parent._item ? { incoming: false, item: parent._item } : null
    }
    if (typeof parent === 'string') return parent === RECORDS_MAP ? (item.parentSub ?? undefined) : null
    if (parent instanceof Y.ID) return find(parent) ?? undefined
    // No parent written: it is the parent of the item it was inserted next to.
    const neighbour = item.origin ?? item.rightOrigin
    return (neighbour && find(neighbour)) ?? undefined
  }

  // Walked iteratively (an update may chain thousands of items through their neighbours),
  // remembering every item's answer so each chain is walked once.
  const known = new Map<Y.Item, string | null | undefined>()
  const recordOf = (start: Found): string | null | undefined => {
    const path = new Set<Y.Item>()
    let current: Found = start
    let answer: string | null | undefined
    for (;;) {
      if (known.has(current.item)) {
        answer = known.get(current.item)
        break
      }
      if (path.has(current.item)) {
        answer = undefined // a malicious update naming itself as its own parent
        break
      }
      path.add(current.item)
      const next = step(current)
      if (next === undefined || next === null || typeof next === 'string') {
        answer = next
        break
      }
      current = next
    }
    for (const item of path) known.set(item, answer)
    return answer
  }

  const touched = new Set<string>()
  const note = (key: string | null | undefined) => {
    if (typeof key === 'string') touched.add(key)
  }
  for (const list of incoming.values()) {
    for (const item of list) {
      const storedUpTo = Y.getState(store, item.id.client)
      if (item.id.clock + item.length <= storedUpTo) continue
      note(recordOf({ incoming: true, item }))
    }
  }
  for (const [client, ranges] of ds.clients) {
    const structsOfClient = store.clients.get(client)
    if (!structsOfClient) continue
    const storedUpTo = Y.getState(store, client)
    for (const { clock, len } of ranges) {
      if (clock >= storedUpTo) continue
      for (let i = Y.findIndexSS(structsOfClient, clock); i < structsOfClient.length; i++) {
        const struct = structsOfClient[i]!
        if (struct.id.clock >= clock + len) break
        if (struct instanceof Y.Item && !struct.deleted) note(recordOf({ incoming: false, item: struct }))
      }
    }
  }
  return touched
}

/** True when the record is part of the locked template structure (`meta.templateLocked === true`). */
export function isLockedRecord(doc: Y.Doc, recordId: string): boolean {
  const record = doc.getMap(RECORDS_MAP).get(recordId)
  if (!(record instanceof Y.Map)) return false
  const meta: unknown = record.get(META_FIELD)
  if (meta instanceof Y.Map) return meta.get('templateLocked') === true
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>).templateLocked === true
}
