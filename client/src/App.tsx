import { lazy, Suspense, useEffect } from 'react'
import { BoardLoadError, BoardLoading } from './board/BoardStates'
import { HomePage } from './home/HomePage'
import { useT } from './i18n/useT'
import { InvalidBoardPage, NotFoundPage } from './routes/MessagePage'
import { documentTitle } from './routes/documentTitle'
import { useRoute } from './routes/navigation'
import { ErrorBoundary } from './ui/ErrorBoundary'

// The board page pulls in tldraw (most of the bundle); the home page must not wait for it.
const BoardPage = lazy(() => import('./board/BoardPage'))

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
        // A failed chunk download (offline, or the app was updated) must say what to do, not go blank.
        <ErrorBoundary
          key={route.boardId}
          fallback={(error) => (
            <BoardLoadError reason="load-failed" message={error.message} onRetry={() => window.location.reload()} />
          )}
        >
          <Suspense fallback={<BoardLoading />}>
            <BoardPage boardId={route.boardId} />
          </Suspense>
        </ErrorBoundary>
      )
    case 'invalid-board':
      return <InvalidBoardPage />
    case 'not-found':
      return <NotFoundPage />
  }
}
