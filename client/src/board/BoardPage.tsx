import 'tldraw/tldraw.css'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { SessionContext } from '../session/sessionContext'
import { useBoardSession } from '../session/useBoardSession'
import { AccessMessage } from '../share/AccessMessage'
import { appStore, useAppStore } from '../state/appStore'
import { deviceStorage } from '../user/deviceStorage'
import { needsName } from '../user/localUser'
import { NamePrompt } from '../user/NamePrompt'
import { rememberBoard } from '../user/recentBoards'
import { BoardCanvas } from './BoardCanvas'
import { BoardLoadError, BoardLoading } from './BoardStates'
import { BoardTopBar } from './BoardTopBar'
import { exposeEditor } from './editorBridge'
import { followEditorName } from './followEditorName'

// The side panels' code loads the first time their top-bar toggle is switched on.
const FacilitatorPanel = lazy(async () => ({ default: (await import('../session/FacilitatorPanel')).FacilitatorPanel }))
const BricsSidePanel = lazy(async () => ({ default: (await import('../brics/BricsPanel')).BricsSidePanel }))

function SidePanels({ editor }: { editor: Editor }) {
  const sessionOpen = useAppStore((state) => state.sessionPanelOpen)
  const bricsOpen = useAppStore((state) => state.panels.brics)
  return (
    <Suspense fallback={null}>
      {sessionOpen && <FacilitatorPanel editor={editor} />}
      {bricsOpen && <BricsSidePanel editor={editor} />}
    </Suspense>
  )
}

/** Panels beside the canvas; each shows itself when its top-bar toggle is on. */
const renderSidePanels = (editor: Editor) => <SidePanels editor={editor} />

/** One board: the top bar over the full-size live canvas. Loaded lazily, so the home page ships without tldraw. */
export function BoardPage({ boardId }: { boardId: string }) {
  const user = useAppStore((state) => state.user)
  const locale = useAppStore((state) => state.locale)
  // Bumped by "Try again": a new key mounts a fresh canvas and connection.
  const [attempt, setAttempt] = useState(0)
  // The link's role and token, the session doc and server clock for the session UI.
  const session = useBoardSession(boardId, user?.id)
  const { setBoard } = session

  useEffect(() => {
    rememberBoard(deviceStorage, { id: boardId, lastOpenedAt: Date.now() })
  }, [boardId])

  useEffect(
    // Leaving a board must not leave its connection state behind for the next one.
    () => () => appStore.getState().setConnection({ status: 'connecting', unsentChanges: 0, savedLocally: false }),
    [boardId],
  )

  const releaseEditor = useRef<(() => void) | null>(null)
  const onEditor = useCallback((editor: Editor, sync: { doc: Y.Doc; sessionDoc: Y.Doc; provider: { awareness: Awareness } }) => {
    releaseEditor.current?.()
    setBoard({ editor, doc: sync.doc, sessionDoc: sync.sessionDoc, awareness: sync.provider.awareness })
    const withdraw = exposeEditor(editor)
    const stopFollowing = followEditorName(editor, (name) => {
      const current = appStore.getState().user
      if (current && current.name !== name) appStore.getState().setUser({ ...current, name })
    })
    releaseEditor.current = () => {
      withdraw()
      stopFollowing()
      setBoard(null)
    }
  }, [setBoard])
  useEffect(() => () => releaseEditor.current?.(), [])

  // The canvas waits for a name, so nobody appears to others as a blank cursor.
  const ready = user !== null && !needsName(user)
  const access = session.access
  // The board loads with the token while the server checks it (GET /api/boards/<id>); only
  // the editor waits for the role. A refused token shows the access message, never the board.
  const token = access.status === 'ready' ? access.access.token : access.status === 'checking' ? access.token : null
  const accessPending = access.status !== 'ready'

  return (
    <div className="board-page">
      <BoardTopBar boardId={boardId} editor={session.editor} />
      <main className="board-canvas-area">
        {access.status === 'denied' && <AccessMessage failure={access.failure} />}
        {/* While checking, a closed websocket is the refused token: the denied message follows. */}
        {session.accessLost && access.status === 'ready' && <AccessMessage failure={{ reason: 'link-revoked' }} />}
        {ready && session.accessLost && access.status === 'checking' && <BoardLoading />}
        {ready && token !== null && !session.accessLost && (
          <SessionContext.Provider value={session.context}>
            <BoardCanvas
              key={`${boardId}:${attempt}:${token}`}
              boardId={boardId}
              user={user}
              locale={locale}
              token={token}
              role={access.status === 'ready' ? access.access.role : undefined}
              accessPending={accessPending}
              onAccessLost={session.onAccessLost}
              onEditor={onEditor}
              beside={renderSidePanels}
              loadingFallback={<BoardLoading />}
              renderError={(reason, message) => (
                <BoardLoadError reason={reason} message={message} onRetry={() => setAttempt((n) => n + 1)} />
              )}
            />
          </SessionContext.Provider>
        )}
      </main>
      <NamePrompt />
    </div>
  )
}

export default BoardPage
