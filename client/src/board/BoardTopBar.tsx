import type { Editor } from 'tldraw'
import { BricsPanelToggle } from '../brics/BricsPanelToggle'
import { ExportButton } from '../export/ExportButton'
import { useT } from '../i18n/useT'
import { AppLink } from '../ui/AppLink'
import { LocaleSwitch } from '../ui/LocaleSwitch'
import { UserNameButton } from '../user/UserNameButton'
import { SessionPanelToggle } from '../session/SessionPanelToggle'
import { RoleBadge } from '../share/RoleBadge'
import { ShareButton } from '../share/ShareButton'
import { useAppStore } from '../state/appStore'
import { ConnectionBadge } from './ConnectionBadge'
import { CopyLinkButton } from './CopyLinkButton'

/** The slim bar above the canvas: home, which board, invite link, connection, language, who you are. */
export function BoardTopBar({ boardId, editor = null }: { boardId: string; editor?: Editor | null }) {
  const t = useT()
  // With a role known, sharing goes through role links: the address bar may hold a facilitator's token.
  const hasAccess = useAppStore((state) => state.access !== null)
  return (
    <header className="board-topbar">
      <nav className="topbar-group" aria-label={t('appName')}>
        <AppLink href="/" className="button button-quiet topbar-home" aria-label={t('homeLinkLabel')}>
          <img src="/favicon.svg" alt="" width={20} height={20} />
          <span className="topbar-home-text">{t('homeLink')}</span>
        </AppLink>
      </nav>
      <div className="topbar-group topbar-board">
        <span className="muted">{t('boardLabel')}</span>
        <code className="board-id" data-testid="board-id" title={boardId}>
          {boardId}
        </code>
        {hasAccess ? <ShareButton /> : <CopyLinkButton />}
        <RoleBadge />
      </div>
      <div className="topbar-group topbar-end">
        <SessionPanelToggle />
        <BricsPanelToggle />
        <ExportButton boardId={boardId} editor={editor} />
        <ConnectionBadge />
        <LocaleSwitch />
        <UserNameButton />
      </div>
    </header>
  )
}
