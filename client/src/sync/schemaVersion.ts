import type { SerializedSchema } from 'tldraw'

/** Migration sequence versions of a serialized schema, or null for a legacy (v1) schema. */
function sequencesOf(schema: SerializedSchema): Readonly<Record<string, number>> | null {
  const sequences = (schema as { sequences?: unknown }).sequences
  if (schema.schemaVersion < 2 || typeof sequences !== 'object' || sequences === null) return null
  return sequences as Record<string, number>
}

/**
 * True when `docSchema` was written by a newer client than `clientSchema`: some migration
 * sequence is further along, or a sequence we do not know at all (a record or shape type added
 * by a later version). Such a board must not be loaded: its records would not validate here.
 */
export function isSchemaNewer(docSchema: SerializedSchema, clientSchema: SerializedSchema): boolean {
  const theirs = sequencesOf(docSchema)
  const ours = sequencesOf(clientSchema)
  if (theirs === null) return false
  if (ours === null) return true
  for (const sequenceId in theirs) {
    const theirVersion = theirs[sequenceId]
    if (typeof theirVersion !== 'number') continue
    const ourVersion = ours[sequenceId]
    if (ourVersion === undefined || theirVersion > ourVersion) return true
  }
  return false
}

/** True when both schemas name the same sequences at the same versions. */
export function isSameSchema(a: SerializedSchema, b: SerializedSchema): boolean {
  const sa = sequencesOf(a)
  const sb = sequencesOf(b)
  if (sa === null || sb === null) return false
  const keysA = Object.keys(sa)
  if (keysA.length !== Object.keys(sb).length) return false
  return keysA.every((key) => sa[key] === sb[key])
}
