import { useValue, type Editor } from 'tldraw'
import { canVote } from '../../../shared/access/roles'
import { countFor, dotsLeft, type SessionVote } from '../../../shared/session/vote'
import { useT } from '../i18n/useT'
import type { SessionContextValue } from './sessionContext'
import { useMyDots } from './useMyDots'
import { notesInFrame } from './voteNotes'

interface NoteBox {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/** Where the frame's notes are on the screen (viewport px), following pans and zooms. */
function useNoteBoxes(editor: Editor, frameId: string): NoteBox[] {
  return useValue(
    'vote note boxes',
    () => {
      const zoom = editor.getZoomLevel()
      return notesInFrame(editor, frameId).flatMap((note) => {
        const bounds = editor.getShapePageBounds(note)
        if (!bounds) return []
        const corner = editor.pageToViewport(bounds.point)
        return [{ id: note.id as string, x: corner.x, y: corner.y, w: bounds.w * zoom, h: bounds.h * zoom }]
      })
    },
    [editor, frameId],
  )
}

/**
 * Dot voting on the canvas. While the vote is open, each note of the frame is one click target
 * (a dot) and this person's own dots sit on the notes (a click takes one back); nobody sees
 * counts. Once closed, each note shows its count.
 */
export function VoteLayer({ editor, vote, session }: { editor: Editor; vote: SessionVote; session: SessionContextValue }) {
  const t = useT()
  const boxes = useNoteBoxes(editor, vote.frameId)
  const voting = vote.state === 'open' && canVote(session.role)
  const mine = useMyDots({ boardId: session.boardId, token: session.token, userId: session.userId, vote: voting ? vote : null })
  const left = dotsLeft(vote, mine.dots)

  return (
    <div className="session-vote-layer" data-testid="vote-layer" data-vote-state={vote.state}>
      {voting && (
        <div className="session-vote-status" role="status" data-testid="vote-status" data-dots-left={left}>
          {t('voteOpenBanner', { left, total: vote.dotsPerPerson })}
          {mine.error && <span className="session-error"> {t('voteFailed', { message: mine.error })}</span>}
        </div>
      )}
      {vote.state === 'closed' && (
        <div className="session-vote-status" role="status">
          {t('voteClosedBanner')}
        </div>
      )}
      {boxes.map((box) => {
        const myDots = mine.dots.filter((dot) => dot.noteId === box.id)
        return (
          <div
            key={box.id}
            className="session-vote-note"
            style={{ left: box.x, top: box.y, width: box.w, height: box.h }}
            data-note-id={box.id}
          >
            {voting && (
              <button
                type="button"
                className="session-vote-target"
                data-testid="vote-target"
                data-note-id={box.id}
                aria-label={t('votePlaceDot')}
                disabled={mine.busy || left === 0}
                onClick={() => mine.place(box.id)}
              />
            )}
            {voting && myDots.length > 0 && (
              <div className="session-vote-dots">
                {myDots.map((dot) => (
                  <button
                    key={dot.id}
                    type="button"
                    className="session-vote-dot"
                    data-testid="my-dot"
                    data-note-id={box.id}
                    data-dot-id={dot.id}
                    aria-label={t('voteTakeBack')}
                    disabled={mine.busy}
                    onClick={() => mine.takeBack(dot.id)}
                  />
                ))}
              </div>
            )}
            {vote.state === 'closed' && (
              <span
                className="session-vote-count"
                data-testid="vote-count"
                data-note-id={box.id}
                data-count={countFor(vote.results, box.id)}
              >
                {t('voteCount', { count: countFor(vote.results, box.id) })}
              </span>
            )}
          </div>
        )
      })}
    </div>
  )
}
