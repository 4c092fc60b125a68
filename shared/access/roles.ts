/**
 * Who may do what on a board. A link carries one role; the server enforces these rules on
 * every websocket message and HTTP call, the client uses the same functions to shape its UI.
 */
export type Role = 'facilitator' | 'participant' | 'viewer'

/** Every role, most powerful first. */
export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer']

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return value === 'facilitator' || value === 'participant' || value === 'viewer'
}

/** May change the board's content (shapes, notes, arrows). Viewers only look. */
export function canEditBoard(role: Role): boolean {
  return role === 'facilitator' || role === 'participant'
}

/** May change the session state: step, timer, votes' opening and closing, follow, summon, private mode. */
export function canChangeSession(role: Role): boolean {
  return role === 'facilitator'
}

/** May change or delete shapes of the locked template structure (meta.templateLocked), and lock or unlock them. */
export function canEditLockedTemplate(role: Role): boolean {
  return role === 'facilitator'
}

/** May place and take back dots in an open vote. */
export function canVote(role: Role): boolean {
  return role === 'facilitator' || role === 'participant'
}

/** May close a vote and export its results. */
export function canManageVotes(role: Role): boolean {
  return role === 'facilitator'
}

/** May issue new participant and viewer links, so the old ones stop working. */
export function canRotateTokens(role: Role): boolean {
  return role === 'facilitator'
}

/**
 * The links a person with `role` may see and share: never one with more rights than their
 * own (facilitator: all three; participant: participant and viewer; viewer: viewer).
 */
export function shareableRoles(role: Role): Role[] {
  return ROLES.slice(ROLES.indexOf(role))
}

/** The two Yjs documents of a board: its content and its facilitator-driven session state. */
export type BoardDocKind = 'board' | 'session'

/** May this role's updates to a document of `kind` be stored? */
export function canWriteDoc(role: Role, kind: BoardDocKind): boolean {
  return kind === 'board' ? canEditBoard(role) : canChangeSession(role)
}
