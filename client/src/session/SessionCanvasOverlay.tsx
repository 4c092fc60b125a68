import './session.css'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import type { SessionState } from '../../../shared/session/sessionState'
import { useT } from '../i18n/useT'
import { FollowIndicator } from './FollowIndicator'
import { useSession, type SessionContextValue } from './sessionContext'
import { useRoleRules } from './useRoleRules'
import { useSessionState } from './useSessionState'

// A running session's UI and camera moves load the first time the session doc shows one: most
// boards are opened with none running. (One chunk; these are its three parts.)
const loadActivity = () => import('./SessionActivity')
const SessionActivityEffects = lazy(async () => ({ default: (await loadActivity()).SessionActivityEffects }))
const SessionVote = lazy(async () => ({ default: (await loadActivity()).SessionVote }))
const SessionBanners = lazy(async () => ({ default: (await loadActivity()).SessionBanners }))

/** Whether the session doc shows anything the activity part acts on (a step, timer, vote, summon or "follow me"). */
export function sessionHasActivity(state: SessionState): boolean {
  return state.step !== null || state.timer.state !== 'idle' || state.vote !== null || state.summon !== null || state.followMe !== null
}

/**
 * The session in front of the canvas (tldraw's `InFrontOfTheCanvas` slot, so it shares the
 * canvas's coordinates): the step banner, the timer, who you follow, the vote's dots and counts,
 * and the effects of the facilitator's moves on this person's camera and tools.
 * Renders nothing until the board page provides the session.
 */
export function SessionCanvasOverlay() {
  const session = useSession()
  if (!session) return null
  return <SessionOverlay session={session} />
}

function SessionOverlay({ session }: { session: SessionContextValue }) {
  const t = useT()
  const editor = useEditor()
  const state = useSessionState(session.sessionDoc)
  const [refusedNotice, setRefusedNotice] = useState(false)
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const onLockedRefused = useCallback(() => {
    setRefusedNotice(true)
    if (noticeTimer.current) clearTimeout(noticeTimer.current)
    noticeTimer.current = setTimeout(() => setRefusedNotice(false), 3000)
  }, [])
  useEffect(() => () => void (noticeTimer.current && clearTimeout(noticeTimer.current)), [])

  useRoleRules(editor, session.role, onLockedRefused)
  // Once loaded, the activity part stays mounted: its effects must see a session end (e.g. stop following).
  const [activityLoaded, setActivityLoaded] = useState(false)
  const active = activityLoaded || (state !== null && sessionHasActivity(state))
  useEffect(() => {
    if (active) setActivityLoaded(true)
  }, [active])

  if (!state) return null
  const activity = { editor, state, session }
  return (
    <div className="session-overlay" data-testid="session-overlay" data-role={session.role}>
      {active && (
        <Suspense fallback={null}>
          <SessionActivityEffects {...activity} />
          <SessionVote {...activity} />
        </Suspense>
      )}
      <div className="session-top">
        {active && (
          <Suspense fallback={null}>
            <SessionBanners {...activity} />
          </Suspense>
        )}
        <FollowIndicator editor={editor} />
        {refusedNotice && (
          <div className="session-notice" role="status" data-testid="locked-notice">
            {t('lockedRefused')}
          </div>
        )}
      </div>
    </div>
  )
}
