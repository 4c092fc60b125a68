import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { SESSION_MAP } from '../../../shared/session/sessionState'

/** The room of a board's session doc on our server (`/ws/<boardId>/session`). */
export function sessionRoom(boardId: string): string {
  return `${boardId}/session`
}

/** A board's session doc and the provider that keeps it in sync. */
export interface SessionConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Disconnects and frees the doc. */
  destroy(): void
}

/**
 * Opens the session doc of a board: the facilitator-written state (step, timer, vote, follow)
 * in `doc.getMap('session')`. It is not kept in IndexedDB: it only matters live, and a stale
 * local copy would show a finished vote or timer to someone who reloads offline.
 */
export function openSessionDoc(options: {
  serverUrl: string
  boardId: string
  params: Record<string, string>
}): SessionConnection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(options.serverUrl, sessionRoom(options.boardId), doc, {
    params: options.params,
  })
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** The session map of a session doc. */
export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SESSION_MAP)
}
