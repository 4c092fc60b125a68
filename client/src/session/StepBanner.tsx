import type { Editor } from 'tldraw'
import { STEP_IDS, type StepId } from '../../../shared/session/steps'
import type { SessionState } from '../../../shared/session/sessionState'
import type { Translate } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { zoomToStep } from './stepFrames'

/** The name of a step in the UI language. */
export function stepName(t: Translate, step: StepId): string {
  return t(`step.${step}`)
}

/** The banner everyone sees while a step runs: its number, name and prompt, and a way back to its frame. */
export function StepBanner({ editor, state }: { editor: Editor; state: SessionState }) {
  const t = useT()
  const step = state.step
  if (step === null) return null
  return (
    <section className="session-banner" data-testid="step-banner" data-step={step} aria-label={t('stepBannerLabel')}>
      <div className="session-banner-text">
        <strong className="session-banner-title">
          {t('stepNumbered', { n: STEP_IDS.indexOf(step) + 1, name: stepName(t, step) })}
        </strong>
        <span className="session-banner-prompt">{t(`step.${step}.prompt`)}</span>
      </div>
      <button
        type="button"
        className="session-button"
        data-testid="back-to-step"
        onClick={() => {
          if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
          zoomToStep(editor, step)
        }}
      >
        {t('stepBackToFrame')}
      </button>
    </section>
  )
}
