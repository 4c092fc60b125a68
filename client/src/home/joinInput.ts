import { isValidBoardId } from '../../../shared/boardId'

/** Why pasted text could not be opened as a board. */
export type JoinError = 'empty' | 'not-a-board-link' | 'invalid-id'

/** What the join form makes of pasted text. */
export type JoinTarget =
  /** Open this board on this server; `fragment` is the link's `#t=<token>` part, kept so the invitation still works. */
  | { ok: true; boardId: string; fragment: string; url?: undefined }
  /** A full link to another server (another host or port): go there. */
  | { ok: true; boardId: string; fragment: string; url: string }
  | { ok: false; error: JoinError }

const BOARD_PATH = /^\/b\/([^/?#]*)\/*$/

/**
 * Reads what someone pasted into "join a board": a full `http(s)://…/b/<id>` link, a path such as
 * `/b/<id>` or `host/b/<id>`, or a bare board id. `currentOrigin` decides whether a full link
 * stays inside this app or leads to another server.
 */
export function parseJoinInput(input: string, currentOrigin: string): JoinTarget {
  const text = input.trim()
  if (text === '') return { ok: false, error: 'empty' }

  if (/^https?:\/\//i.test(text)) {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return { ok: false, error: 'not-a-board-link' }
    }
    const boardId = boardIdFromPath(url.pathname)
    if (boardId === null) return { ok: false, error: 'not-a-board-link' }
    if (!isValidBoardId(boardId)) return { ok: false, error: 'invalid-id' }
    const fragment = url.hash
    if (url.origin === currentOrigin) return { ok: true, boardId, fragment }
    return { ok: true, boardId, fragment, url: `${url.origin}/b/${boardId}${fragment}` }
  }

  if (text.includes('/')) {
    // A link without its scheme ("host:1234/b/<id>") or a bare path ("/b/<id>").
    const path = text.replace(/^[^/]*(?=\/b\/)/, '').replace(/[?#].*$/, '')
    const boardId = boardIdFromPath(path)
    if (boardId === null) return { ok: false, error: 'not-a-board-link' }
    const fragment = /#.*$/.exec(text)?.[0] ?? ''
    return isValidBoardId(boardId) ? { ok: true, boardId, fragment } : { ok: false, error: 'invalid-id' }
  }

  return isValidBoardId(text) ? { ok: true, boardId: text, fragment: '' } : { ok: false, error: 'invalid-id' }
}

function boardIdFromPath(pathname: string): string | null {
  const match = BOARD_PATH.exec(pathname)
  if (!match) return null
  try {
    return decodeURIComponent(match[1] ?? '')
  } catch {
    return match[1] ?? ''
  }
}
