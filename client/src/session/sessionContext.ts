import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../../shared/access/roles'
import type { ServerClock } from './serverClock'

/** What the session UI inside and beside the canvas needs about the open board and this person. */
export interface SessionContextValue {
  boardId: string
  /** The link token (API calls send it as a bearer token). */
  token: string
  role: Role
  /** The board's session doc (`getMap('session')`). */
  sessionDoc: Y.Doc
  clock: ServerClock
  /** The board connection's awareness (presence and each client's role). */
  awareness: Awareness
  /** The app user's id (the votes API and follow use it; tldraw's presence id is `user:<id>`). */
  userId: string
}

/** Provided by the board page once the board and its session doc are connected. */
export const SessionContext = createContext<SessionContextValue | null>(null)

/** The session of the open board, or null before it is connected (session UI then renders nothing). */
export function useSession(): SessionContextValue | null {
  return useContext(SessionContext)
}
