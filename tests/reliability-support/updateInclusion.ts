import * as Y from 'yjs'

/**
 * What of `observed` (Yjs updates a client received) is missing from `state` (a full
 * document state, e.g. a fresh client's doc at 'synced'). Applying an update that is
 * already contained changes nothing, so the re-encoded state stays byte-identical;
 * anything else (a missing insert, a missing delete, a struct whose dependency is
 * missing) changes it. Returns the indexes of the missing updates (empty = nothing lost).
 */
export function updatesMissingFrom(state: Uint8Array, observed: readonly Uint8Array[]): number[] {
  if (observed.length === 0) return []
  const base = encodeAfter(state, [])
  // One check for all of them first; only on a failure look for the culprits one by one.
  if (equalBytes(base, encodeAfter(state, [Y.mergeUpdates([...observed])]))) return []
  const missing: number[] = []
  observed.forEach((update, index) => {
    if (!equalBytes(base, encodeAfter(state, [update]))) missing.push(index)
  })
  // Each update alone may be contained while their combination is not (never seen, but say so).
  return missing.length > 0 ? missing : [-1]
}

function encodeAfter(state: Uint8Array, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  for (const update of updates) Y.applyUpdate(doc, update)
  const encoded = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return encoded
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}
