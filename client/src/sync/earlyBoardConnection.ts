import { resolveBoardToken } from '../share/useBoardAccess'
import { appStore } from '../state/appStore'
import { deviceStorage } from '../user/deviceStorage'
import { needsName } from '../user/localUser'
import { defaultServerUrl, openBoardConnection, sameTarget, type BoardConnection, type BoardConnectionTarget } from './boardConnection'

/** How long a connection opened ahead of the board page waits to be taken before it is closed. */
export const EARLY_CONNECTION_TTL_MS = 15_000

let early: { connection: BoardConnection; timer: ReturnType<typeof setTimeout> } | null = null
/** Boards a page holds a connection to now (count per board): none is opened ahead for them. */
const heldByPage = new Map<string, number>()

/**
 * Opens a board's connection before the board page's code has arrived, so the local copy is
 * read and the server's answer is on its way while tldraw downloads and starts
 * (docs/performance.md, "Board open"). The page takes it with connectBoardPage; one not
 * taken within `ttlMs` is closed. One at a time: opening another closes the previous.
 * Answers the connection waiting for the page, or null while a page holds the board already.
 */
export function openEarlyBoardConnection(target: BoardConnectionTarget, ttlMs = EARLY_CONNECTION_TTL_MS): BoardConnection | null {
  if (heldByPage.has(target.boardId)) return null
  if (early && sameTarget(early.connection.target, target)) return early.connection
  dropEarlyBoardConnection()
  const connection = openBoardConnection(target)
  const timer = setTimeout(() => {
    if (early?.connection === connection) dropEarlyBoardConnection()
  }, ttlMs)
  early = { connection, timer }
  return connection
}

/**
 * The board page's connection: the one opened ahead for exactly this board, server and token,
 * else a new one. Until `release` (call it before destroying the connection), nothing is
 * opened ahead for the board: the page has its connection.
 */
export function connectBoardPage(target: BoardConnectionTarget): { connection: BoardConnection; release(): void } {
  let connection: BoardConnection
  if (early && sameTarget(early.connection.target, target)) {
    clearTimeout(early.timer)
    connection = early.connection
    early = null
  } else {
    connection = openBoardConnection(target)
  }
  const { boardId } = target
  heldByPage.set(boardId, (heldByPage.get(boardId) ?? 0) + 1)
  let released = false
  const release = () => {
    if (released) return
    released = true
    const count = (heldByPage.get(boardId) ?? 1) - 1
    if (count > 0) heldByPage.set(boardId, count)
    else heldByPage.delete(boardId)
  }
  return { connection, release }
}

/** Closes the connection opened ahead, if one waits (`boardId`: only if it is that board's). */
export function dropEarlyBoardConnection(boardId?: string): void {
  if (!early || (boardId !== undefined && early.connection.target.boardId !== boardId)) return
  const { connection, timer } = early
  clearTimeout(timer)
  early = null
  connection.destroy()
}

/**
 * On the way to a board's page: opens its connection ahead when the page will open it at once,
 * i.e. this device has a token for the board and a name for the person (else the page shows
 * the access message or the name prompt first, and opens its own connection afterwards).
 */
export function openBoardAhead(boardId: string): void {
  const token = resolveBoardToken(location.hash, boardId, deviceStorage)
  if (token === null || needsName(appStore.getState().user)) return
  openEarlyBoardConnection({ boardId, serverUrl: defaultServerUrl(), token })
}
