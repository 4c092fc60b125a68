import type * as Y from 'yjs'
import type { CurrentStep } from '../../../shared/session/steps'
import type { SessionTimer } from '../../../shared/session/timer'
import type { SessionVote } from '../../../shared/session/vote'
import type { FollowMe, Summon } from '../../../shared/session/sessionState'
import { sessionMap } from '../sync/sessionDoc'

// The facilitator's writes to the session doc. Only facilitator connections' updates are kept
// by the server; a participant's client never calls these (its UI has no such controls), and
// if a tampered one did, the server would drop the update.

/** Origin of our own session-doc transactions. */
export const SESSION_WRITE = 'civic-canvas session'

function write(doc: Y.Doc, entries: Record<string, unknown>): void {
  const map = sessionMap(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(entries)) map.set(key, value)
  }, SESSION_WRITE)
}

/** Moves everyone to `step` (null ends the run-sheet). */
export function writeStep(doc: Y.Doc, step: CurrentStep, serverNow: number): void {
  write(doc, { step, stepSetAt: serverNow })
}

export function writeTimer(doc: Y.Doc, timer: SessionTimer): void {
  write(doc, { timer })
}

export function writeVote(doc: Y.Doc, vote: SessionVote | null): void {
  write(doc, { vote })
}

/** "Bring everyone here": every client moves its camera to this view when the id is new. */
export function writeSummon(doc: Y.Doc, summon: Summon): void {
  write(doc, { summon })
}

/** "Follow me" on (a person) or off (null). */
export function writeFollowMe(doc: Y.Doc, followMe: FollowMe | null): void {
  write(doc, { followMe })
}

/** A fresh id for a vote or summon (unique enough across a board's life). */
export function newSessionId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}
