import * as Y from 'yjs'
import type { PersistenceAdapter } from '../../../server/persistence/adapter'

/** Rebuilds a document from what the adapter really stored (snapshot and log), not from any client. */
export async function storedDoc(persistence: PersistenceAdapter, docId: string): Promise<Y.Doc> {
  const stored = await persistence.load(docId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update.data)
  return doc
}
