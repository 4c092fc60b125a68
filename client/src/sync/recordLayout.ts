import * as Y from 'yjs'
import type { SerializedSchema } from 'tldraw'

/**
 * How a board lives in its Y.Doc.
 *
 * - `doc.getMap('records')`: one `Y.Map` per tldraw record, keyed by record id. Top-level
 *   fields (`x`, `y`, `parentId`, ...) are entries; `props` and `meta` are nested `Y.Map`s
 *   with one entry per prop, and every plain object inside them is a `Y.Map` again, key by
 *   key (arrays and other values are single entries). Two people changing different fields
 *   of one shape (one the colour, the other the position or the text), or different entries
 *   of a keyed collection inside a prop (two cells of a journey map), therefore both keep
 *   their edit; only the same entry of the same record is last-writer-wins.
 * - `doc.getMap('meta')`: `schema` holds `store.schema.serialize()` of the newest client
 *   that wrote the board, so older clients can refuse it and newer ones migrate it.
 *
 * The server and any tool reading a board must use these names.
 */
export const RECORDS_MAP = 'records'
export const META_MAP = 'meta'
export const SCHEMA_KEY = 'schema'

/** A record's fields as stored in the doc. */
export type YRecord = Y.Map<unknown>

/** Plain JSON-like record as tldraw stores it. */
export type PlainRecord = { readonly id: string; readonly typeName: string } & Readonly<Record<string, unknown>>

/** The top-level record fields that are stored per entry rather than as one value. */
const NESTED_FIELDS: ReadonlySet<string> = new Set(['props', 'meta'])

/** The map of all records in a board doc. */
export function getRecordsMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap<YRecord>(RECORDS_MAP)
}

/** The map holding the board's schema. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP)
}

/** The schema stored in the doc, or undefined when none was written yet. */
export function readDocSchema(doc: Y.Doc): SerializedSchema | undefined {
  const value = getMetaMap(doc).get(SCHEMA_KEY)
  return isPlainObject(value) ? (value as unknown as SerializedSchema) : undefined
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function createNestedMap(value: Record<string, unknown>): Y.Map<unknown> {
  const nested = new Y.Map<unknown>()
  for (const key in value) {
    const entry = value[key]
    if (entry === undefined) continue
    nested.set(key, isPlainObject(entry) ? createNestedMap(entry) : entry)
  }
  return nested
}

/** Builds the Y.Map for a whole record (a newly created record). */
export function createYRecord(record: PlainRecord): YRecord {
  const yRecord = new Y.Map<unknown>()
  for (const key in record) {
    const value = record[key]
    if (value === undefined) continue
    yRecord.set(key, NESTED_FIELDS.has(key) && isPlainObject(value) ? createNestedMap(value) : value)
  }
  return yRecord
}

/** Reads a record back from its Y.Map (values are shared, not copied: treat them as frozen). */
export function readYRecord(yRecord: YRecord): PlainRecord {
  return yRecord.toJSON() as PlainRecord
}

/**
 * Writes into `target` only the entries that differ between `prev` and `next`. With
 * `nestedFields` (the record level) only those fields hold maps; below them (null) every
 * plain object does.
 */
function writeEntryChanges(
  target: Y.Map<unknown>,
  prev: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
  nestedFields: ReadonlySet<string> | null,
): void {
  for (const key in next) {
    const value = next[key]
    const before = prev[key]
    if (value === before) continue
    if (value === undefined) {
      if (target.has(key)) target.delete(key)
      continue
    }
    if ((nestedFields === null || nestedFields.has(key)) && isPlainObject(value)) {
      const nested = target.get(key)
      if (nested instanceof Y.Map && isPlainObject(before)) writeEntryChanges(nested, before, value, null)
      else target.set(key, createNestedMap(value))
      continue
    }
    // Records are immutable, so an unchanged field usually keeps its reference; equal copies
    // (tldraw rebuilds some objects) must not become doc updates that overwrite others' edits.
    if (!jsonEqual(before, value)) target.set(key, value)
  }
  for (const key in prev) {
    if (next[key] === undefined && prev[key] !== undefined && target.has(key)) target.delete(key)
  }
}

/** Writes the fields that changed from `prev` to `next` into the record's Y.Map. */
export function writeRecordChanges(yRecord: YRecord, prev: PlainRecord, next: PlainRecord): void {
  writeEntryChanges(yRecord, prev, next, NESTED_FIELDS)
}

/** Structural equality for JSON values (records, props, rich text). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const objA = a as Record<string, unknown>
  const objB = b as Record<string, unknown>
  let countA = 0
  for (const key in objA) {
    if (objA[key] === undefined) continue
    countA++
    if (!jsonEqual(objA[key], objB[key])) return false
  }
  let countB = 0
  for (const key in objB) if (objB[key] !== undefined) countB++
  return countA === countB
}
