import { useState } from 'react'
import type { Editor } from 'tldraw'
import { canChangeSession } from '../../../shared/access/roles'
import { STEP_IDS, nextStep, prevStep, stepMoves } from '../../../shared/session/steps'
import {
  DEFAULT_DURATION_MS,
  MINUTE_MS,
  addMinute,
  pauseTimer,
  resetTimer,
  resumeTimer,
  startTimer,
} from '../../../shared/session/timer'
import type { SessionState } from '../../../shared/session/sessionState'
import { useT } from '../i18n/useT'
import { useAppStore } from '../state/appStore'
import { useSession, type SessionContextValue } from './sessionContext'
import { stepName } from './StepBanner'
import { newSessionId, writeFollowMe, writeStep, writeSummon, writeTimer } from './sessionWrites'
import { useSessionState } from './useSessionState'
import { VoteControls } from './VoteControls'
import { PeopleList } from './PeopleList'
import { SESSION_PANEL_ID } from './sessionPanelId'

/** The facilitator's run-sheet beside the canvas: steps, timer, attention, voting. Facilitators only. */
export function FacilitatorPanel({ editor }: { editor: Editor }) {
  const session = useSession()
  const open = useAppStore((state) => state.sessionPanelOpen)
  const state = useSessionState(session?.sessionDoc)
  if (!session || !state || !open || !canChangeSession(session.role)) return null
  return <Panel editor={editor} session={session} state={state} />
}

function Panel({ editor, session, state }: { editor: Editor; session: SessionContextValue; state: SessionState }) {
  const t = useT()
  const { sessionDoc: doc, clock } = session
  const moves = stepMoves(state.step)
  return (
    <aside className="session-panel" id={SESSION_PANEL_ID} data-testid="session-panel" aria-label={t('sessionPanelTitle')}>
      <h2 className="session-panel-title">{t('sessionPanelTitle')}</h2>

      <section className="session-section">
        <h3>{t('runSheetHeading')}</h3>
        <ol className="session-steps">
          {STEP_IDS.map((step, index) => (
            <li key={step}>
              <button
                type="button"
                className="session-step"
                data-testid={`goto-step-${step}`}
                aria-current={state.step === step ? 'step' : undefined}
                aria-label={t('stepGoto', { name: stepName(t, step) })}
                onClick={() => writeStep(doc, step, clock.now())}
              >
                <span>{t('stepNumbered', { n: index + 1, name: stepName(t, step) })}</span>
                {state.step === step && <span className="session-step-now">{t('stepCurrent')}</span>}
              </button>
            </li>
          ))}
        </ol>
        <div className="session-row">
          <button type="button" className="session-button" disabled={!moves.canPrev} onClick={() => writeStep(doc, prevStep(state.step), clock.now())}>
            {t('stepPrev')}
          </button>
          <button
            type="button"
            className="session-button"
            data-testid="next-step"
            disabled={!moves.canNext}
            onClick={() => writeStep(doc, nextStep(state.step), clock.now())}
          >
            {t('stepNext')}
          </button>
          <button type="button" className="session-button" disabled={state.step === null} onClick={() => writeStep(doc, null, clock.now())}>
            {t('stepEnd')}
          </button>
        </div>
      </section>

      <TimerControls session={session} state={state} />

      <section className="session-section">
        <h3>{t('followHeading')}</h3>
        <div className="session-row">
          <button
            type="button"
            className="session-button"
            data-testid="follow-me"
            aria-pressed={state.followMe?.userId === session.userId}
            onClick={() =>
              writeFollowMe(doc, state.followMe?.userId === session.userId ? null : { userId: session.userId, at: clock.now() })
            }
          >
            {state.followMe?.userId === session.userId ? t('followMeStop') : t('followMe')}
          </button>
          <button
            type="button"
            className="session-button"
            data-testid="summon"
            onClick={() => {
              const center = editor.getViewportPageBounds().center
              writeSummon(doc, {
                id: newSessionId(),
                userId: session.userId,
                pageId: editor.getCurrentPageId(),
                x: center.x,
                y: center.y,
                z: editor.getZoomLevel(),
                at: clock.now(),
              })
            }}
          >
            {t('summon')}
          </button>
        </div>
      </section>

      <VoteControls editor={editor} session={session} state={state} />

      <PeopleList editor={editor} awareness={session.awareness} />
    </aside>
  )
}

function TimerControls({ session, state }: { session: SessionContextValue; state: SessionState }) {
  const t = useT()
  const { sessionDoc: doc, clock } = session
  const timer = state.timer
  const [minutes, setMinutes] = useState(String(Math.round((timer.durationMs || DEFAULT_DURATION_MS) / MINUTE_MS)))
  const durationMs = Math.max(0, Number.parseFloat(minutes.replace(',', '.')) || 0) * MINUTE_MS
  return (
    <section className="session-section">
      <h3>{t('timerHeading')}</h3>
      <div className="session-row">
        <label className="session-field">
          <span>{t('timerMinutes')}</span>
          <input
            type="number"
            min={0.1}
            max={240}
            step={0.5}
            inputMode="decimal"
            data-testid="timer-minutes"
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
          />
        </label>
        {timer.state === 'running' ? (
          <button type="button" className="session-button" data-testid="timer-pause" onClick={() => writeTimer(doc, pauseTimer(timer, clock.now()))}>
            {t('timerPause')}
          </button>
        ) : timer.state === 'paused' ? (
          <button type="button" className="session-button" data-testid="timer-resume" onClick={() => writeTimer(doc, resumeTimer(timer, clock.now()))}>
            {t('timerResume')}
          </button>
        ) : (
          <button
            type="button"
            className="session-button session-button-primary"
            data-testid="timer-start"
            disabled={durationMs <= 0}
            onClick={() => writeTimer(doc, startTimer(durationMs, clock.now()))}
          >
            {t('timerStart')}
          </button>
        )}
        <button type="button" className="session-button" data-testid="timer-add-minute" onClick={() => writeTimer(doc, addMinute(timer, clock.now()))}>
          {t('timerAddMinute')}
        </button>
        <button
          type="button"
          className="session-button"
          data-testid="timer-reset"
          disabled={timer.state === 'idle'}
          onClick={() => writeTimer(doc, resetTimer(timer))}
        >
          {t('timerReset')}
        </button>
      </div>
    </section>
  )
}
