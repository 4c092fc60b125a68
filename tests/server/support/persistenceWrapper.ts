import type { PersistenceAdapter } from '../../../server/persistence/adapter'

/** An adapter that forwards to `inner` except for the methods in `overrides` (slow, failing or async storage). */
export function withOverrides(inner: PersistenceAdapter, overrides: Partial<PersistenceAdapter>): PersistenceAdapter {
  return {
    createBoard: (board) => inner.createBoard(board),
    getBoard: (id) => inner.getBoard(id),
    rotateTokens: (id) => inner.rotateTokens(id),
    addVoteDot: (id, voteId, dot, max) => inner.addVoteDot(id, voteId, dot, max),
    removeVoteDot: (id, voteId, userId, dotId) => inner.removeVoteDot(id, voteId, userId, dotId),
    listVoteDots: (id, voteId, userId) => inner.listVoteDots(id, voteId, userId),
    load: (id) => inner.load(id),
    appendUpdate: (id, update) => inner.appendUpdate(id, update),
    compact: (id, snapshot, throughSeq) => inner.compact(id, snapshot, throughSeq),
    readUpdatesAfter: (id, afterSeq) => inner.readUpdatesAfter(id, afterSeq),
    close: () => inner.close(),
    ...overrides,
  }
}
