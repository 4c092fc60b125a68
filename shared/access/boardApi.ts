import type { Role } from './roles'

/** The board templates a new board can start from (content built by shared/templates). */
export const BOARD_TEMPLATES = ['blank', 'five-step', 'data-request-helper', 'bus-arrival'] as const

/** One of BOARD_TEMPLATES. */
export type BoardTemplate = (typeof BOARD_TEMPLATES)[number]

/** True when `value` names a template. */
export function isBoardTemplate(value: unknown): value is BoardTemplate {
  return typeof value === 'string' && (BOARD_TEMPLATES as readonly string[]).includes(value)
}

/** Longest board name the server accepts, in UTF-16 code units. */
export const MAX_BOARD_NAME_LENGTH = 200

/** One signed link token per role. */
export type RoleTokens = Record<Role, string>

/** Answer of `POST /api/boards` (201). */
export interface CreatedBoard {
  id: string
  name: string
  template: BoardTemplate
  tokens: RoleTokens
}

/** Answer of `GET /api/boards/<id>`: the board as the token's holder sees it. */
export interface BoardInfo {
  id: string
  name: string
  template: BoardTemplate
  role: Role
  /** ISO 8601 time of creation. */
  createdAt: string
}

/** Answer of `POST /api/boards/<id>/tokens/rotate`. */
export interface RotatedTokens {
  tokens: RoleTokens
}
