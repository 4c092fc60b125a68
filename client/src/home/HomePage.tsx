import { useState } from 'react'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../ui/LocaleSwitch'
import { deviceStorage } from '../user/deviceStorage'
import { NamePrompt } from '../user/NamePrompt'
import { forgetBoard, loadRecentBoards } from '../user/recentBoards'
import { UserNameButton } from '../user/UserNameButton'
import { NewBoardForm } from './NewBoardForm'
import { JoinBoardForm } from './JoinBoardForm'
import { RecentBoardsList } from './RecentBoardsList'

/** The start page: create a board, join one by link, or reopen a recent one. */
export function HomePage() {
  const t = useT()
  const [recentBoards, setRecentBoards] = useState(() => loadRecentBoards(deviceStorage))

  return (
    <div className="home">
      <header className="home-header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="brand-name">{t('appName')}</span>
        </div>
        <div className="header-actions">
          <UserNameButton />
          <LocaleSwitch />
        </div>
      </header>
      <main className="home-main">
        <section className="home-hero" aria-labelledby="home-title">
          <h1 id="home-title">{t('appName')}</h1>
          <p className="lead">{t('appTagline')}</p>
          <p className="muted">{t('homeIntro')}</p>
        </section>
        <div className="home-grid">
          <section className="card" aria-labelledby="create-title">
            <h2 id="create-title">{t('createBoardHeading')}</h2>
            <NewBoardForm />
          </section>
          <section className="card" aria-labelledby="join-title">
            <h2 id="join-title">{t('joinHeading')}</h2>
            <JoinBoardForm />
          </section>
        </div>
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('recentBoardsHeading')}</h2>
          <RecentBoardsList
            boards={recentBoards}
            onRemove={(id) => setRecentBoards(forgetBoard(deviceStorage, id))}
          />
        </section>
      </main>
      <NamePrompt />
    </div>
  )
}
