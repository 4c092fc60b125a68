import './session.css'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import { useT } from '../i18n/useT'
import { FollowIndicator } from './FollowIndicator'
import { useSession, type SessionContextValue } from './sessionContext'
import { StepBanner } from './StepBanner'
import { TimerBadge } from './TimerBadge'
import { useFollowMe, useRoleRules, useStepCamera, useSummon } from './useSessionEffects'
import { useSessionState } from './useSessionState'
import { VoteLayer } from './VoteLayer'

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
  useStepCamera(editor, state)
  useSummon(editor, state, session.userId, session.clock)
  useFollowMe(editor, state, session.userId)

  if (!state) return null
  return (
    <div className="session-overlay" data-testid="session-overlay" data-role={session.role}>
      {state.vote && <VoteLayer editor={editor} vote={state.vote} session={session} />}
      <div className="session-top">
        <StepBanner editor={editor} state={state} />
        <TimerBadge timer={state.timer} clock={session.clock} />
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
