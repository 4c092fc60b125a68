import { T } from '@tldraw/validate'
import { getIndexAbove, getIndexBetween, type IndexKey } from '@tldraw/utils'

// Collections that several people add to at once are objects keyed by a random id, never
// arrays: the Yjs binding merges nested plain objects per key, so two concurrent adds both
// survive, while an array would be replaced whole by the last writer.

/** One entry of a keyed list (persona list field, BRiCS entry without carrier). */
export interface ListEntry {
  text: string
  index: IndexKey
}

/** A collection keyed by random id; order comes from each value's `index`. */
export type Keyed<V> = Record<string, V>

const ENTRY_KEY = /^[A-Za-z0-9_-]{1,64}$/

/** Validates the random id used as a key in keyed collections. */
export const entryKeyValidator = T.string.check((key) => {
  if (!ENTRY_KEY.test(key)) {
    throw new Error(`"${key}" is not a valid entry id: use 1–64 letters, digits, "_" or "-"`)
  }
})

/** Validator for one plain list entry. */
export const listEntryValidator: T.ObjectValidator<ListEntry> = T.object({
  text: T.string,
  index: T.indexKey,
})

/** Validator for a collection keyed by random id; arrays are refused (they would not merge). */
export function keyedValidator<V>(valueValidator: T.Validatable<V>): T.Validator<Keyed<V>> {
  return T.dict(entryKeyValidator, valueValidator).check((value) => {
    if (Array.isArray(value)) {
      throw new Error('expected an object keyed by entry id, got an array: store entries as { [id]: entry }')
    }
  })
}

/** Validator for a keyed list of plain entries. */
export const keyedListValidator = keyedValidator(listEntryValidator)

/** A fresh random entry id (URL-safe, 12 characters, ~71 bits). */
export function newEntryId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += alphabet[byte & 63]
  return id
}

/** Entries of a keyed collection as `[id, value]` pairs sorted by index (ties by id). */
export function sortedEntries<V extends { index: IndexKey }>(collection: Keyed<V>): Array<[string, V]> {
  return Object.entries(collection).sort(([idA, a], [idB, b]) => {
    if (a.index < b.index) return -1
    if (a.index > b.index) return 1
    return idA < idB ? -1 : idA > idB ? 1 : 0
  })
}

/** The index that places a new entry after every existing one. */
export function indexAfterLast<V extends { index: IndexKey }>(collection: Keyed<V>): IndexKey {
  const sorted = sortedEntries(collection)
  const last = sorted[sorted.length - 1]
  return getIndexAbove(last ? last[1].index : null)
}

/**
 * The index that moves entry `id` to position `to` among the others (0 = first);
 * only that entry's index changes, so a concurrent edit of another entry survives.
 */
export function indexForMove<V extends { index: IndexKey }>(
  collection: Keyed<V>,
  id: string,
  to: number
): IndexKey {
  const others = sortedEntries(collection).filter(([key]) => key !== id)
  const clamped = Math.max(0, Math.min(to, others.length))
  const below = others[clamped - 1]?.[1].index ?? null
  const above = others[clamped]?.[1].index ?? null
  return getIndexBetween(below, above)
}

/** Builds a keyed list from plain texts, in order (for defaults, fixtures and migrations). */
export function keyedListFromTexts(texts: readonly string[]): Keyed<ListEntry> {
  const list: Keyed<ListEntry> = {}
  let index: IndexKey | null = null
  for (const text of texts) {
    index = getIndexAbove(index)
    list[newEntryId()] = { text, index }
  }
  return list
}
