import { useEffect } from 'react'
import { startBoardAhead } from './board/boardAhead'
import { useBoardPageChunk } from './board/boardPageChunk'
import { BoardLoadError, BoardLoading } from './board/BoardStates'
import { HomePage } from './home/HomePage'
import { useT } from './i18n/useT'
import { InvalidBoardPage, NotFoundPage } from './routes/MessagePage'
import { documentTitle } from './routes/documentTitle'
import { useRoute } from './routes/navigation'
import { ErrorBoundary } from './ui/ErrorBoundary'

/** The board page once its chunk (tldraw, most of the bundle) has loaded; the home page does not wait for it. */
function BoardRoute({ boardId }: { boardId: string }) {
  const chunk = useBoardPageChunk()
  // The board's data starts coming while the board page's code downloads and starts.
  useEffect(() => startBoardAhead(boardId), [boardId])
  // A failed chunk download (offline, or the app was updated) must say what to do, not go blank.
  if (chunk.status === 'failed') return <BoardLoadError reason="load-failed" message={chunk.error.message} onRetry={() => window.location.reload()} />
  if (chunk.status === 'loading') return <BoardLoading />
  const { BoardPage } = chunk.module
  return <BoardPage boardId={boardId} />
}

/** The app: picks the page for the current address. */
export function App() {
  const route = useRoute()
  const t = useT()
  const title = documentTitle(route, t)

  useEffect(() => {
    document.title = title
  }, [title])

  switch (route.kind) {
    case 'home':
      return <HomePage />
    case 'board':
      return (
        <ErrorBoundary
          key={route.boardId}
          fallback={(error) => (
            <BoardLoadError reason="load-failed" message={error.message} onRetry={() => window.location.reload()} />
          )}
        >
          <BoardRoute boardId={route.boardId} />
        </ErrorBoundary>
      )
    case 'invalid-board':
      return <InvalidBoardPage />
    case 'not-found':
      return <NotFoundPage />
  }
}
