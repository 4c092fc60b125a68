import * as Y from 'yjs'
import type { PersistenceAdapter, StoredUpdate } from '../persistence/adapter'
import type { AppliedSeqs } from './appliedSeqs'
import { REMOTE_ORIGIN } from './replication'

/**
 * Applies to `doc` what storage holds beyond `applied.through`, as a remote change (relayed
 * to local clients, not stored again). Reads the log after that seq; when its first row is
 * not the next seq, another instance compacted past us, so the snapshot is read as well.
 * `full` also reads the snapshot when the log after us is empty: the one case the log
 * alone cannot tell "nothing new" from "compacted away" (after a Redis outage, or a gap).
 * Returns how many updates and bytes were new here.
 */
export async function catchUpFromStorage(
  persistence: PersistenceAdapter,
  docId: string,
  doc: Y.Doc,
  applied: AppliedSeqs,
  full: boolean,
): Promise<{ updates: number; bytes: number }> {
  const rows = await persistence.readUpdatesAfter(docId, applied.through)
  const continuesOurs = rows[0]?.seq === applied.through + 1
  if (continuesOurs || (rows.length === 0 && !full)) return applyRows(doc, applied, rows)
  const board = await persistence.load(docId)
  if (board.snapshot && board.snapshotSeq > applied.through) {
    Y.applyUpdate(doc, board.snapshot, REMOTE_ORIGIN)
    applied.coverThrough(board.snapshotSeq)
  }
  return applyRows(doc, applied, board.updates)
}

function applyRows(doc: Y.Doc, applied: AppliedSeqs, rows: StoredUpdate[]): { updates: number; bytes: number } {
  let updates = 0
  let bytes = 0
  for (const row of rows) {
    if (applied.has(row.seq)) continue
    Y.applyUpdate(doc, row.data, REMOTE_ORIGIN)
    applied.add(row.seq)
    updates += 1
    bytes += row.data.byteLength
  }
  return { updates, bytes }
}
