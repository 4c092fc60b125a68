import * as Y from 'yjs'
import type { VoteDot } from '../persistence/adapter'

/** The map of the session doc holding the session state (step, timer, vote, ...). */
export const SESSION_MAP = 'session'
/** Its key holding the current vote. */
export const VOTE_KEY = 'vote'

/** The current vote as the facilitator's client writes it into the session doc. */
export interface SessionVote {
  id: string
  frameId: string | null
  dotsPerPerson: number
  state: 'open' | 'closed'
  openedAt: number | null
  closedAt?: number
  results?: Record<string, number>
}

/** The vote in a session doc, or null when there is none or it is not readable. Accepts a plain value or a Y.Map. */
export function readSessionVote(doc: Y.Doc): SessionVote | null {
  const raw: unknown = doc.getMap(SESSION_MAP).get(VOTE_KEY)
  const value: unknown = raw instanceof Y.Map ? raw.toJSON() : raw
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || v.id === '') return null
  if (typeof v.dotsPerPerson !== 'number' || !Number.isSafeInteger(v.dotsPerPerson) || v.dotsPerPerson < 0) return null
  if (v.state !== 'open' && v.state !== 'closed') return null
  return {
    id: v.id,
    frameId: typeof v.frameId === 'string' ? v.frameId : null,
    dotsPerPerson: v.dotsPerPerson,
    state: v.state,
    openedAt: typeof v.openedAt === 'number' ? v.openedAt : null,
    ...(typeof v.closedAt === 'number' ? { closedAt: v.closedAt } : {}),
    ...(isCounts(v.results) ? { results: v.results } : {}),
  }
}

function isCounts(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((n) => typeof n === 'number')
}

/** Dots per note id. */
export function countDots(dots: readonly VoteDot[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const dot of dots) counts[dot.noteId] = (counts[dot.noteId] ?? 0) + 1
  return counts
}

/**
 * Marks the vote closed with its results, in the shape it was written: fields of a Y.Map
 * are set one by one, a plain value is replaced by a copy with the new fields (keeping
 * any fields the client added).
 */
export function writeClosedVote(doc: Y.Doc, results: Record<string, number>, closedAt: number): void {
  const session = doc.getMap(SESSION_MAP)
  const raw: unknown = session.get(VOTE_KEY)
  doc.transact(() => {
    if (raw instanceof Y.Map) {
      raw.set('state', 'closed')
      raw.set('closedAt', closedAt)
      raw.set('results', results)
    } else {
      session.set(VOTE_KEY, { ...(raw as Record<string, unknown>), state: 'closed', closedAt, results })
    }
  })
}
