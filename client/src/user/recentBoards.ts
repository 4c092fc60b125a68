import { isValidBoardId } from '../../../shared/boardId'
import { isRole, type Role } from '../../../shared/access/roles'
import { readJson, type KeyValueStorage } from './storage'

const RECENT_KEY = 'civic-canvas:recent-boards'

/** How many boards the home page remembers; older ones drop off the end. */
export const MAX_RECENT_BOARDS = 20

/** A board this device has opened, as listed on the home page. */
export interface RecentBoard {
  id: string
  /** A name for the board if we know one; boards have no title yet, so usually absent. */
  title?: string
  /** When this device created the board (ms since epoch), if it did. */
  createdAt?: number
  /** When this device last opened the board (ms since epoch). */
  lastOpenedAt: number
  /** The link token this device opens the board with (from the `#t=` of the link it came by). */
  token?: string
  /** The role that token gave, as the server last said (shown offline too). */
  role?: Role
  /** Links this device may hand out (kept by the facilitator who created or rotated them), by role. */
  tokens?: Partial<Record<Role, string>>
}

/**
 * Puts `board` first (replacing an earlier entry for the same id, keeping what that entry knew),
 * then caps the list. Pure: answers a new list.
 */
export function addRecentBoard(
  list: readonly RecentBoard[],
  board: RecentBoard,
  max: number = MAX_RECENT_BOARDS,
): RecentBoard[] {
  const earlier = list.find((entry) => entry.id === board.id)
  const merged: RecentBoard = { ...earlier, ...withoutUndefined(board) }
  return [merged, ...list.filter((entry) => entry.id !== board.id)].slice(0, max)
}

/** The list without the board `id`. Pure. */
export function removeRecentBoard(list: readonly RecentBoard[], id: string): RecentBoard[] {
  return list.filter((entry) => entry.id !== id)
}

/** Most recently opened first; the stored order is kept for equal times. */
export function sortRecentBoards(list: readonly RecentBoard[]): RecentBoard[] {
  return [...list].sort((a, b) => b.lastOpenedAt - a.lastOpenedAt)
}

function withoutUndefined(board: RecentBoard): RecentBoard {
  const copy: RecentBoard = { id: board.id, lastOpenedAt: board.lastOpenedAt }
  if (board.title !== undefined) copy.title = board.title
  if (board.createdAt !== undefined) copy.createdAt = board.createdAt
  if (board.token !== undefined) copy.token = board.token
  if (board.role !== undefined) copy.role = board.role
  if (board.tokens !== undefined) copy.tokens = board.tokens
  return copy
}

function parseRecentBoard(value: unknown): RecentBoard | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, title, createdAt, lastOpenedAt, token, role, tokens } = value as Record<string, unknown>
  if (typeof id !== 'string' || !isValidBoardId(id)) return null
  if (typeof lastOpenedAt !== 'number' || !Number.isFinite(lastOpenedAt)) return null
  const board: RecentBoard = { id, lastOpenedAt }
  if (typeof title === 'string' && title !== '') board.title = title
  if (typeof createdAt === 'number' && Number.isFinite(createdAt)) board.createdAt = createdAt
  if (typeof token === 'string' && token !== '') board.token = token
  if (isRole(role)) board.role = role
  const links = parseTokens(tokens)
  if (links) board.tokens = links
  return board
}

function parseTokens(value: unknown): Partial<Record<Role, string>> | null {
  if (typeof value !== 'object' || value === null) return null
  const links: Partial<Record<Role, string>> = {}
  for (const [role, token] of Object.entries(value as Record<string, unknown>)) {
    if (isRole(role) && typeof token === 'string' && token !== '') links[role] = token
  }
  return Object.keys(links).length > 0 ? links : null
}

/** The remembered entry of one board, if this device has opened it. */
export function findRecentBoard(storage: KeyValueStorage, id: string): RecentBoard | undefined {
  return loadRecentBoards(storage).find((board) => board.id === id)
}

/** The remembered boards, most recent first; corrupt or foreign entries are dropped, not fatal. */
export function loadRecentBoards(storage: KeyValueStorage): RecentBoard[] {
  const stored = readJson(storage, RECENT_KEY)
  if (!Array.isArray(stored)) return []
  const boards = stored.map(parseRecentBoard).filter((board): board is RecentBoard => board !== null)
  const unique = boards.filter((board, index) => boards.findIndex((b) => b.id === board.id) === index)
  return sortRecentBoards(unique).slice(0, MAX_RECENT_BOARDS)
}

/** Stores the list on this device. */
export function saveRecentBoards(storage: KeyValueStorage, list: readonly RecentBoard[]): void {
  storage.setItem(RECENT_KEY, JSON.stringify(list))
}

/** Records that this device opened (or created) a board now, and answers the updated list. */
export function rememberBoard(storage: KeyValueStorage, board: RecentBoard): RecentBoard[] {
  const list = addRecentBoard(loadRecentBoards(storage), board)
  saveRecentBoards(storage, list)
  return list
}

/** Forgets a board on this device (the board itself stays on the server) and answers the updated list. */
export function forgetBoard(storage: KeyValueStorage, id: string): RecentBoard[] {
  const list = removeRecentBoard(loadRecentBoards(storage), id)
  saveRecentBoards(storage, list)
  return list
}
