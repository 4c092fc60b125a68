import { useMemo } from 'react'
import { useT } from '../i18n/useT'
import { boardPath } from '../routes/route'
import { useAppStore } from '../state/appStore'
import { AppLink } from '../ui/AppLink'
import type { RecentBoard } from '../user/recentBoards'

/** The boards this device opened, most recent first, each openable and removable. */
export function RecentBoardsList({ boards, onRemove }: { boards: readonly RecentBoard[]; onRemove: (id: string) => void }) {
  const t = useT()
  const locale = useAppStore((state) => state.locale)
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    [locale],
  )

  if (boards.length === 0) return <p className="muted">{t('recentBoardsEmpty')}</p>

  return (
    <ul className="recent-boards" data-testid="recent-boards">
      {boards.map((board) => (
        <li key={board.id} className="recent-board" data-board-id={board.id}>
          <AppLink className="recent-board-link" href={boardPath(board.id)}>
            <span className="recent-board-title">{board.title ?? t('recentBoardName', { boardId: shortId(board.id) })}</span>
            <span className="recent-board-time muted">
              {t('recentBoardOpened', { when: dateFormat.format(board.lastOpenedAt) })}
            </span>
          </AppLink>
          <button
            type="button"
            className="button button-quiet"
            aria-label={t('recentBoardRemoveLabel', { boardId: shortId(board.id) })}
            onClick={(event) => {
              // Keep keyboard users in the list: focus moves to a neighbour instead of falling to <body>.
              const item = event.currentTarget.closest('li')
              const neighbour = item?.nextElementSibling ?? item?.previousElementSibling
              onRemove(board.id)
              neighbour?.querySelector<HTMLElement>('a')?.focus()
            }}
          >
            {t('recentBoardRemove')}
          </button>
        </li>
      ))}
    </ul>
  )
}

/** Enough of a board id to tell boards apart at a glance. */
function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id
}
