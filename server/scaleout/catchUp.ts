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
  // `applied` may advance while the log is read (this instance's own commits are recorded
  // as they land, outside the room's queue): judge the rows by the seq they were read after.
  const after = applied.through
  const rows = await persistence.readUpdatesAfter(docId, after)
  const first = rows[0]?.seq
  // Rows missing between `after` and the first one were compacted away, unless they were
  // applied here meanwhile: only then is the snapshot (the whole board) worth reading.
  const compactedPast = first !== undefined && !appliedBetween(applied, after, first)
  if (!compactedPast && (first !== undefined || !full)) return applyRows(doc, applied, rows)
  const board = await persistence.load(docId)
  if (board.snapshot && board.snapshotSeq > applied.through) {
    Y.applyUpdate(doc, board.snapshot, REMOTE_ORIGIN)
    applied.coverThrough(board.snapshotSeq)
  }
  return applyRows(doc, applied, board.updates)
}

/** True when every seq strictly between `after` and `before` is in the doc. */
function appliedBetween(applied: AppliedSeqs, after: number, before: number): boolean {
  for (let seq = after + 1; seq < before; seq++) if (!applied.has(seq)) return false
  return true
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
