import type * as Y from 'yjs'
import { canEditLockedTemplate, canWriteDoc, type BoardDocKind, type Role } from '../../shared/access/roles'
import { isLockedRecord, recordsTouchedBy } from '../access/touchedRecords'
import { scanUpdate } from './updateScan'

/** Who is on a connection, fixed at the websocket upgrade. */
export interface ConnectionAccess {
  role: Role
  /** Generation of the token the connection opened with (rotation closes older ones). */
  generation: number
}

/**
 * What the room does with a client's update: apply, store and relay it; drop it silently
 * (a viewer, or a participant writing the session doc: the client should never have sent
 * it); or refuse it and close the socket (a participant changing the locked template,
 * which only a tampered client does).
 */
export type UpdateVerdict = { action: 'accept' } | { action: 'drop'; why: string } | { action: 'refuse'; why: string }

/** Decides, before the update touches `doc`, whether `role` may make it on a document of `kind`. */
export function judgeUpdate(kind: BoardDocKind, role: Role, doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  return judgeUpdateOn(kind, role, () => doc, update)
}

/**
 * judgeUpdate for a room whose doc may still be stored bytes: `docOf` is called (and may
 * decode them) only when the verdict depends on the content, a participant's board update.
 */
export function judgeUpdateOn(kind: BoardDocKind, role: Role, docOf: () => Y.Doc, update: Uint8Array): UpdateVerdict {
  if (!canWriteDoc(role, kind)) {
    // Every client answers the server's sync step 1, usually with nothing: no change, nothing to refuse or log.
    if (isEmptyUpdate(update)) return { action: 'accept' }
    return { action: 'drop', why: kind === 'session' ? `a ${role} may not change the session` : `a ${role} may not change the board` }
  }
  if (kind === 'board' && !canEditLockedTemplate(role)) {
    const doc = docOf()
    for (const recordId of recordsTouchedBy(doc, update)) {
      if (isLockedRecord(doc, recordId)) return { action: 'refuse', why: 'the update changes the locked template structure' }
    }
  }
  return { action: 'accept' }
}

function isEmptyUpdate(update: Uint8Array): boolean {
  return scanUpdate(update).empty
}
