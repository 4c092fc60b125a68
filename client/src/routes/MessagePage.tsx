import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { AppLink } from '../ui/AppLink'
import { LocaleSwitch } from '../ui/LocaleSwitch'

/** A calm full-page message with a way home: bad board links and unknown addresses. */
export function MessagePage({ title, body, testId }: { title: MessageKey; body: MessageKey; testId: string }) {
  const t = useT()
  return (
    <div className="message-page" data-testid={testId}>
      <header className="home-header">
        <AppLink href="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="brand-name">{t('appName')}</span>
        </AppLink>
        <div className="header-actions">
          <LocaleSwitch />
        </div>
      </header>
      <main className="message-main">
        <h1>{t(title)}</h1>
        <p>{t(body)}</p>
        <AppLink href="/" className="button button-primary">
          {t('goHome')}
        </AppLink>
      </main>
    </div>
  )
}

/** Shown for `/b/<something that is not a board id>`, e.g. a link cut short when pasted. */
export function InvalidBoardPage() {
  return <MessagePage title="invalidLinkTitle" body="invalidLinkBody" testId="invalid-board" />
}

/** Shown for any address the app does not know. */
export function NotFoundPage() {
  return <MessagePage title="pageNotFoundTitle" body="pageNotFoundBody" testId="not-found" />
}
