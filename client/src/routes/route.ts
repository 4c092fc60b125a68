import { isValidBoardId } from '../../../shared/boardId'

/** Where the address bar points, as the app understands it. */
export type Route =
  | { kind: 'home' }
  | { kind: 'board'; boardId: string }
  /** A `/b/…` address whose id can not be a board id (truncated or mangled link). */
  | { kind: 'invalid-board'; rawId: string }
  | { kind: 'not-found' }

/** The path of a board's page. */
export function boardPath(boardId: string): string {
  return `/b/${boardId}`
}

/** Reads a pathname (no query or hash) into a route. Trailing slashes are forgiven. */
export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === '' || path === '/' || path === '/index.html') return { kind: 'home' }
  const board = /^\/b(?:\/(.*))?$/.exec(path)
  if (board) {
    const rawId = safeDecode(board[1] ?? '')
    return isValidBoardId(rawId) ? { kind: 'board', boardId: rawId } : { kind: 'invalid-board', rawId }
  }
  return { kind: 'not-found' }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
