import * as Y from 'yjs'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord } from 'tldraw'
import type { PlainRecord } from '../../client/src/sync/recordLayout'
import { timedAfterGc as timed } from '../lib/gc'
import { median } from '../lib/stats'
import { BASE_RECORDS, notes } from './bindingCases'

/**
 * The least any Yjs binding could pay for the same remote change (issue 8, benchmark 3):
 * records laid out as cheaply as Yjs allows, one JSON string per record in one Y.Map (no
 * field of a record can then merge with a concurrent edit of another field, which is why
 * the app does not use it), decoded with `Y.applyUpdate` and turned back into records with
 * `JSON.parse`, the least a binding must do before its `store.put`.
 */
export interface YjsFloorCase {
  name: string
  plainMs: number
  /** Y.applyUpdate of the change in the string-per-record layout. */
  applyMs: number
  /** JSON.parse of every changed record. */
  parseMs: number
}

function stringDoc(records: readonly PlainRecord[]): Y.Doc {
  const doc = new Y.Doc()
  const map = doc.getMap<string>('records')
  doc.transact(() => records.forEach((record) => map.set(record.id, JSON.stringify(record))))
  return doc
}

/** The change from `before` to `after` in the string layout, as one update. */
function stringUpdate(before: readonly PlainRecord[], after: readonly PlainRecord[]): { base: Uint8Array; change: Uint8Array } {
  const peer = stringDoc(before)
  const base = Y.encodeStateAsUpdate(peer)
  const vector = Y.encodeStateVector(peer)
  const map = peer.getMap<string>('records')
  peer.transact(() => after.forEach((record) => map.set(record.id, JSON.stringify(record))))
  return { base, change: Y.encodeStateAsUpdate(peer, vector) }
}

function measureOnce(kind: 'create' | 'update', count: number): Omit<YjsFloorCase, 'name'> {
  const before = kind === 'create' ? BASE_RECORDS : [...BASE_RECORDS, ...notes(count, 1)]
  const after = notes(count, 2)
  const { base, change } = stringUpdate(before, after)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, base)
  const texts = after.map((record) => JSON.stringify(record))
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  store.put(before as unknown as TLRecord[])
  const plainMs = timed(() => store.put(after as unknown as TLRecord[]))
  const applyMs = timed(() => Y.applyUpdate(doc, change))
  const parseMs = timed(() => texts.forEach((text) => JSON.parse(text)))
  if (doc.getMap<string>('records').get(after[count - 1]!.id) !== texts[count - 1]) throw new Error('The floor doc did not take the change')
  return { plainMs, applyMs, parseMs }
}

/** The floor for creating `count` notes and for moving and re-wording them, each in one update; medians of `repetitions`. */
export function measureYjsFloor(count: number, repetitions: number): YjsFloorCase[] {
  return (['create', 'update'] as const).map((kind) => {
    measureOnce(kind, Math.min(count, 200))
    const runs = Array.from({ length: repetitions }, () => measureOnce(kind, count))
    return {
      name: kind === 'create' ? `create ${count} notes (1 update)` : `move+edit ${count} notes (1 update)`,
      plainMs: median(runs.map((r) => r.plainMs)),
      applyMs: median(runs.map((r) => r.applyMs)),
      parseMs: median(runs.map((r) => r.parseMs)),
    }
  })
}
