import type { Editor } from 'tldraw'
import type { SessionState } from '../../../shared/session/sessionState'
import type { SessionContextValue } from './sessionContext'
import { StepBanner } from './StepBanner'
import { TimerBadge } from './TimerBadge'
import { useFollowMe, useStepCamera, useSummon } from './useSessionEffects'
import { VoteLayer } from './VoteLayer'

/**
 * What a running session adds in front of the canvas. Its own chunk: the overlay loads it the
 * first time the session doc shows anything running, and keeps it mounted from then on.
 */
interface SessionActivityProps {
  editor: Editor
  state: SessionState
  session: SessionContextValue
}

/** The facilitator's moves applied to this person's camera: the step's frame, "bring everyone here", "follow me". */
export function SessionActivityEffects({ editor, state, session }: SessionActivityProps) {
  useStepCamera(editor, state)
  useSummon(editor, state, session.userId, session.clock)
  useFollowMe(editor, state, session.userId)
  return null
}

/** The vote's dots and counts, while a vote runs. */
export function SessionVote({ editor, state, session }: SessionActivityProps) {
  return state.vote ? <VoteLayer editor={editor} vote={state.vote} session={session} /> : null
}

/** The step banner and the timer (each renders nothing while unused). */
export function SessionBanners({ editor, state, session }: SessionActivityProps) {
  return (
    <>
      <StepBanner editor={editor} state={state} />
      <TimerBadge timer={state.timer} clock={session.clock} />
    </>
  )
}
