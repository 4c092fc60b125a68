import { isValidBoardId } from '../../../shared/boardId'
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
  return copy
}

function parseRecentBoard(value: unknown): RecentBoard | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, title, createdAt, lastOpenedAt } = value as Record<string, unknown>
  if (typeof id !== 'string' || !isValidBoardId(id)) return null
  if (typeof lastOpenedAt !== 'number' || !Number.isFinite(lastOpenedAt)) return null
  const board: RecentBoard = { id, lastOpenedAt }
  if (typeof title === 'string' && title !== '') board.title = title
  if (typeof createdAt === 'number' && Number.isFinite(createdAt)) board.createdAt = createdAt
  return board
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
