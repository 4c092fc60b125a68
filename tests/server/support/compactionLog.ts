import type { PersistenceAdapter } from '../../../server/persistence/adapter'

/** Records the `throughSeq` of every compaction `persistence` is asked for (it still compacts). */
export function logCompactions(persistence: PersistenceAdapter): number[] {
  const compactions: number[] = []
  const compactNow = persistence.compact.bind(persistence)
  persistence.compact = async (id, snapshot, throughSeq) => {
    compactions.push(throughSeq)
    return compactNow(id, snapshot, throughSeq)
  }
  return compactions
}
