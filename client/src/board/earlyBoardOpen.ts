import { resolveBoardToken } from '../share/useBoardAccess'
import { appStore } from '../state/appStore'
import { defaultServerUrl, startEarlyBoardConnection } from '../sync/loadGate'
import { deviceStorage } from '../user/deviceStorage'
import { needsName } from '../user/localUser'

/**
 * Called by the page's entry on a board address: starts loading the board (local copy, then
 * websocket) while the board page's code is still on its way. Only when the board page will
 * connect at once with the same token: someone without a name sees the name prompt first, and
 * without a token there is nothing to open.
 */
export function openBoardEarly(boardId: string): void {
  const user = appStore.getState().user
  if (!user || needsName(user)) return
  const token = resolveBoardToken(location.hash, boardId, deviceStorage)
  if (!token) return
  startEarlyBoardConnection({ boardId, serverUrl: defaultServerUrl(), token })
}
