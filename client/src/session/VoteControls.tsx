import { useMemo, useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import { openVote } from '../../../shared/session/vote'
import type { SessionState } from '../../../shared/session/sessionState'
import { useT } from '../i18n/useT'
import type { SessionContextValue } from './sessionContext'
import { newSessionId, writeVote } from './sessionWrites'
import { targetFrame } from './stepFrames'
import { sortFrameNotesByVotes } from './voteNotes'
import { votesApi } from './votesApi'

/** Starts a download of `blob` as `fileName`. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The facilitator's dot-voting controls: open on a frame, close (results appear), sort, export, remove. */
export function VoteControls({ editor, session, state }: { editor: Editor; session: SessionContextValue; state: SessionState }) {
  const t = useT()
  const [dots, setDots] = useState('3')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const vote = state.vote
  const frame = useValue('vote target frame', () => targetFrame(editor, state.step), [editor, state.step])
  const frameName = useValue(
    'vote frame name',
    () => {
      const shape = vote ? editor.getShape(vote.frameId as never) : null
      return shape?.type === 'frame' ? (shape.props as { name: string }).name : ''
    },
    [editor, vote?.frameId],
  )
  const api = useMemo(
    () => (vote ? votesApi({ boardId: session.boardId, voteId: vote.id, token: session.token, userId: session.userId }) : null),
    [vote, session.boardId, session.token, session.userId],
  )

  const run = (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    action().then(
      () => setBusy(false),
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure))
        setBusy(false)
      },
    )
  }

  return (
    <section className="session-section">
      <h3>{t('voteHeading')}</h3>
      {(vote === null || vote.state === 'closed') && (
        <div className="session-row">
          <label className="session-field">
            <span>{t('voteDots')}</span>
            <input
              type="number"
              min={1}
              max={20}
              data-testid="vote-dots"
              value={dots}
              onChange={(event) => setDots(event.target.value)}
            />
          </label>
          <button
            type="button"
            className="session-button"
            data-testid="vote-open"
            disabled={frame === null}
            title={frame === null ? t('voteNeedsFrame') : undefined}
            onClick={() => frame && writeVote(session.sessionDoc, openVote(newSessionId(), frame.id, Number(dots) || 1, session.clock.now()))}
          >
            {t('voteOpen')}
          </button>
        </div>
      )}
      {frame === null && vote === null && <p className="session-hint">{t('voteNeedsFrame')}</p>}
      {vote?.state === 'open' && (
        <>
          <p className="session-hint" data-testid="vote-open-note">
            {t('voteOpenFacilitator', { frame: frameName })}
          </p>
          <button type="button" className="session-button" data-testid="vote-close" disabled={busy || !api} onClick={() => api && run(() => api.close())}>
            {t('voteClose')}
          </button>
        </>
      )}
      {vote?.state === 'closed' && (
        <div className="session-row">
          <button
            type="button"
            className="session-button"
            data-testid="vote-sort"
            onClick={() => sortFrameNotesByVotes(editor, vote.frameId, vote.results ?? {})}
          >
            {t('voteSort')}
          </button>
          <button
            type="button"
            className="session-button"
            data-testid="vote-csv"
            disabled={busy || !api}
            onClick={() => api && run(async () => download(await api.resultsCsv(), `votes-${session.boardId}-${vote.id}.csv`))}
          >
            {t('voteCsv')}
          </button>
          <button type="button" className="session-button" data-testid="vote-clear" onClick={() => writeVote(session.sessionDoc, null)}>
            {t('voteClear')}
          </button>
        </div>
      )}
      {error && (
        <p className="session-error" role="alert">
          {t('voteFailed', { message: error })}
        </p>
      )}
    </section>
  )
}
