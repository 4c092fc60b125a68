import { createHash, timingSafeEqual } from 'node:crypto'
import type { RoleTokens } from '../../shared/access/boardApi'
import { ROLES, type Role } from '../../shared/access/roles'
import type { BoardRecord, PersistenceAdapter, RoleGenerations } from '../persistence/adapter'
import { signToken, verifyToken, type TokenPayload } from './tokens'

/** A token that opened a board: who holds it and on which generation it was issued. */
export interface GrantedAccess {
  board: BoardRecord
  role: Role
  generation: number
}

/**
 * Why access was refused, with the HTTP status that says it: 401 when the token is not a
 * genuine token at all (missing, malformed, bad signature), 403 when it is genuine but not
 * for this (board, generation, time), 404 when it names a board this server never created.
 */
export type AccessRefusal =
  | { status: 401; reason: 'missing' | 'malformed' | 'bad-signature' }
  | { status: 403; reason: 'other-board' | 'expired' | 'rotated' }
  | { status: 404; reason: 'unknown-board' }

/** What each refusal tells the person holding the link (no token, no board content). */
export const REFUSAL_MESSAGES: Record<AccessRefusal['reason'], string> = {
  missing: 'This needs a board link token: open the board from its link (…/b/<id>#t=<token>).',
  malformed: 'The board link token is damaged; copy the whole link again.',
  'bad-signature': 'The board link token was not issued by this server; ask the facilitator for a new link.',
  'other-board': 'This link belongs to another board; ask the facilitator for the link to this one.',
  expired: 'This board link has expired; ask the facilitator for a new link.',
  rotated: 'This board link was replaced by the facilitator; ask for the new link.',
  'unknown-board': 'No such board on this server; check the link.',
}

/** Issues and checks the signed links of boards. One per server, holding its secret. */
export class BoardAccess {
  constructor(
    private readonly secret: string,
    private readonly persistence: PersistenceAdapter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Tokens for every role at `generations`. */
  issueTokens(boardId: string, generations: RoleGenerations): RoleTokens {
    const entries = ROLES.map((role) => [role, signToken(this.secret, { b: boardId, r: role, g: generations[role] })] as const)
    return Object.fromEntries(entries) as RoleTokens
  }

  /** Checks `token` for `boardId`: signature, board, expiry, then the stored generation. */
  async authorize(boardId: string, token: string | null | undefined): Promise<{ ok: true; access: GrantedAccess } | { ok: false; refusal: AccessRefusal }> {
    const verified = verifyToken(this.secret, token)
    if (!verified.ok) return { ok: false, refusal: { status: 401, reason: verified.error } }
    const payload: TokenPayload = verified.payload
    if (payload.b !== boardId) return { ok: false, refusal: { status: 403, reason: 'other-board' } }
    if (payload.exp !== undefined && payload.exp * 1000 <= this.now()) return { ok: false, refusal: { status: 403, reason: 'expired' } }
    const board = await this.persistence.getBoard(boardId)
    if (!board) return { ok: false, refusal: { status: 404, reason: 'unknown-board' } }
    if (payload.g !== board.generations[payload.r]) return { ok: false, refusal: { status: 403, reason: 'rotated' } }
    return { ok: true, access: { board, role: payload.r, generation: payload.g } }
  }
}

/**
 * Checks an operator secret in constant time, whatever the lengths (both sides are hashed
 * first, so the comparison never reveals how long the secret is).
 */
export function secretMatches(expected: string, given: string | null | undefined): boolean {
  if (given === null || given === undefined) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
