import { useCallback, useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { useBoardAccess, type BoardAccessState } from '../share/useBoardAccess'
import { exposeSessionForTests } from './sessionBridge'
import { ServerClock } from './serverClock'
import type { SessionContextValue } from './sessionContext'

export interface BoardSession {
  /** Whether (and as what) this browser may open the board. */
  access: BoardAccessState
  /** The server ended the connection for good (the link was replaced, or refused). */
  accessLost: boolean
  onAccessLost: () => void
  /** Give it the connected board's session doc (from BoardCanvas's onEditor). */
  setSessionDoc: (doc: Y.Doc | null) => void
  /** For `<SessionContext.Provider>`; null until access and session doc are both known. */
  context: SessionContextValue | null
}

/**
 * The board page's session wiring in one hook: the link's access, the server clock, the
 * session doc once the board is connected, and what the session UI reads from context.
 */
export function useBoardSession(boardId: string, userId: string | undefined): BoardSession {
  const access = useBoardAccess(boardId)
  const [accessLost, setAccessLost] = useState(false)
  const [sessionDoc, setSessionDoc] = useState<Y.Doc | null>(null)
  const clock = useMemo(() => new ServerClock(), [])

  useEffect(() => {
    clock.start()
    return () => clock.stop()
  }, [clock])

  useEffect(() => {
    setAccessLost(false)
    setSessionDoc(null)
  }, [boardId])

  const ready = access.status === 'ready' ? access.access : null
  const context = useMemo<SessionContextValue | null>(
    () =>
      ready && sessionDoc && userId
        ? { boardId, token: ready.token, role: ready.role, sessionDoc, clock, userId }
        : null,
    [boardId, ready, sessionDoc, clock, userId],
  )

  useEffect(() => (sessionDoc ? exposeSessionForTests(sessionDoc, clock) : undefined), [sessionDoc, clock])

  return {
    access,
    accessLost,
    onAccessLost: useCallback(() => setAccessLost(true), []),
    setSessionDoc,
    context,
  }
}
