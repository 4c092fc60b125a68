import { useEffect, useRef } from 'react'
import { formatRemaining, isTimeUp, remainingMs } from '../../../shared/session/timer'
import type { SessionTimer } from '../../../shared/session/timer'
import { useT } from '../i18n/useT'
import { playChime } from './beep'
import type { ServerClock } from './serverClock'
import { useTicker } from './useSessionState'

/** Time-up moments older than this when first seen (joining late, waking a laptop) make no sound. */
const CHIME_WINDOW_MS = 5_000

/**
 * The shared countdown, the same on every screen: computed from the session's end time (server
 * ms) and this browser's server clock. At zero it glows gently and chimes once.
 */
export function TimerBadge({ timer, clock }: { timer: SessionTimer; clock: ServerClock }) {
  const t = useT()
  useTicker(timer.state === 'running', 200)
  const now = clock.now()
  const left = remainingMs(timer, now)
  const up = isTimeUp(timer, now)
  const chimedFor = useRef<number | null>(null)

  useEffect(() => {
    if (!up || timer.endsAt === null || chimedFor.current === timer.endsAt) return
    chimedFor.current = timer.endsAt
    if (now - timer.endsAt <= CHIME_WINDOW_MS) playChime()
  }, [up, timer.endsAt, now])

  if (timer.state === 'idle') return null
  const text = formatRemaining(left)
  return (
    <div
      className={`session-timer${up ? ' session-timer-up' : ''}${timer.state === 'paused' ? ' session-timer-paused' : ''}`}
      data-testid="session-timer"
      data-state={timer.state}
      data-remaining-ms={Math.round(left)}
      role="timer"
      aria-label={t('timerLabel', { time: text })}
    >
      <span className="session-timer-time">{text}</span>
      {timer.state === 'paused' && <span className="session-timer-note">{t('timerPaused')}</span>}
      {up && (
        <span className="session-timer-note" role="status">
          {t('timerUp')}
        </span>
      )}
    </div>
  )
}
