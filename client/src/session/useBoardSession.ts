import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { canChangeSession } from '../../../shared/access/roles'
import { useBoardAccess, type BoardAccessState } from '../share/useBoardAccess'
import { appStore } from '../state/appStore'
import { ROLE_FIELD } from './roleField'
import { exposeSessionForTests } from './sessionBridge'
import { ServerClock } from './serverClock'
import type { SessionContextValue } from './sessionContext'

/** The connected board, as BoardCanvas's onEditor hands it over. */
export interface ConnectedBoard {
  editor: Editor
  /** The board's content doc (the template flag lives in its meta map). */
  doc: Y.Doc
  sessionDoc: Y.Doc
  /** The board connection's awareness: this client's role goes there for the people list. */
  awareness: Awareness
}

export interface BoardSession {
  /** Whether (and as what) this browser may open the board. */
  access: BoardAccessState
  /** The server ended the connection for good (the link was replaced, or refused). */
  accessLost: boolean
  onAccessLost: () => void
  /** Give it the connected board (from BoardCanvas's onEditor), or null when it goes. */
  setBoard: (board: ConnectedBoard | null) => void
  /** The mounted editor of the connected board (for the top bar's export), null while it loads. */
  editor: Editor | null
  /** For `<SessionContext.Provider>`; null until access and session doc are both known. */
  context: SessionContextValue | null
}

/**
 * The board page's session wiring in one hook: the link's access, the server clock, the
 * session doc once the board is connected, the template put on a new board by its first
 * facilitator, and what the session UI reads from context.
 */
export function useBoardSession(boardId: string, userId: string | undefined): BoardSession {
  const access = useBoardAccess(boardId)
  const [accessLost, setAccessLost] = useState(false)
  const [board, setBoard] = useState<ConnectedBoard | null>(null)
  const clock = useMemo(() => new ServerClock(), [])

  useEffect(() => {
    clock.start()
    return () => clock.stop()
  }, [clock])

  useEffect(() => {
    setAccessLost(false)
    setBoard(null)
  }, [boardId])

  const ready = access.status === 'ready' ? access.access : null
  const context = useMemo<SessionContextValue | null>(
    () =>
      ready && board && userId
        ? { boardId, token: ready.token, role: ready.role, sessionDoc: board.sessionDoc, clock, userId, awareness: board.awareness }
        : null,
    [boardId, ready, board, clock, userId],
  )
  const sessionDoc = board?.sessionDoc ?? null

  // Others see this person's role in the people list.
  useEffect(() => {
    if (board && ready) board.awareness.setLocalStateField(ROLE_FIELD, ready.role)
  }, [board, ready])

  // A board made from a template starts empty on the server; its first facilitator fills it
  // (seedTemplate does nothing when the board has shapes or was seeded before).
  useEffect(() => {
    if (!board || !ready || ready.template === 'blank' || !canChangeSession(ready.role)) return
    let cancelled = false
    // The template builders load only for a facilitator opening a template board.
    void import('../templates/seedTemplate').then(({ seedTemplate }) => {
      if (cancelled) return
      seedTemplate(board.editor, board.doc, {
        boardId,
        template: ready.template,
        canSeed: true,
        locale: appStore.getState().locale,
      })
    })
    return () => {
      cancelled = true
    }
  }, [board, ready, boardId])

  useEffect(() => (sessionDoc ? exposeSessionForTests(sessionDoc, clock) : undefined), [sessionDoc, clock])

  return {
    access,
    accessLost,
    onAccessLost: useCallback(() => setAccessLost(true), []),
    setBoard,
    editor: board?.editor ?? null,
    context,
  }
}
