import type { PersistenceAdapter } from '../../../server/persistence/adapter'

/** An adapter that forwards to `inner` except for the methods in `overrides` (slow, failing or async storage). */
export function withOverrides(inner: PersistenceAdapter, overrides: Partial<PersistenceAdapter>): PersistenceAdapter {
  return {
    createBoard: (id) => inner.createBoard(id),
    load: (id) => inner.load(id),
    appendUpdate: (id, update) => inner.appendUpdate(id, update),
    compact: (id, snapshot, throughSeq) => inner.compact(id, snapshot, throughSeq),
    readUpdatesAfter: (id, afterSeq) => inner.readUpdatesAfter(id, afterSeq),
    close: () => inner.close(),
    ...overrides,
  }
}
