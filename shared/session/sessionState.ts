import { isStepId, type CurrentStep } from './steps'
import { parseTimer, type SessionTimer } from './timer'
import { parseVote, type SessionVote } from './vote'

/** The Y.Map (in the board's session doc, room `<boardId>/session`) holding the session state. */
export const SESSION_MAP = 'session'

/** "Bring everyone here": where the facilitator is looking (page, centre of view, zoom). */
export interface Summon {
  /** New for every summon: clients move when it changes. */
  id: string
  userId: string
  pageId: string
  /** Page coordinates of the centre of the facilitator's view. */
  x: number
  y: number
  /** The facilitator's zoom. */
  z: number
  at: number
}

/** "Follow me": everyone follows this person until they stop. */
export interface FollowMe {
  userId: string
  at: number
}

/** Everything a client reads from the session doc, validated. */
export interface SessionState {
  step: CurrentStep
  stepSetAt: number | null
  timer: SessionTimer
  vote: SessionVote | null
  summon: Summon | null
  followMe: FollowMe | null
  privateIdeas: boolean
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

function parseSummon(value: unknown): Summon | null {
  if (typeof value !== 'object' || value === null) return null
  const s = value as Record<string, unknown>
  if (typeof s.id !== 'string' || typeof s.userId !== 'string' || typeof s.pageId !== 'string') return null
  if (!finite(s.x) || !finite(s.y) || !finite(s.z) || s.z <= 0) return null
  return { id: s.id, userId: s.userId, pageId: s.pageId, x: s.x, y: s.y, z: s.z, at: finite(s.at) ? s.at : 0 }
}

function parseFollowMe(value: unknown): FollowMe | null {
  if (typeof value !== 'object' || value === null) return null
  const f = value as Record<string, unknown>
  if (typeof f.userId !== 'string' || f.userId === '') return null
  return { userId: f.userId, at: finite(f.at) ? f.at : 0 }
}

/** Reads the session map's entries (`map.toJSON()`); missing or malformed fields get safe defaults. */
export function parseSessionState(entries: Readonly<Record<string, unknown>>): SessionState {
  return {
    step: isStepId(entries.step) ? entries.step : null,
    stepSetAt: finite(entries.stepSetAt) ? entries.stepSetAt : null,
    timer: parseTimer(entries.timer),
    vote: parseVote(entries.vote),
    summon: parseSummon(entries.summon),
    followMe: parseFollowMe(entries.followMe),
    privateIdeas: entries.privateIdeas === true,
  }
}
