import { useId, useState, type FormEvent } from 'react'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { navigate } from '../routes/navigation'
import { boardPath } from '../routes/route'
import { parseJoinInput, type JoinError } from './joinInput'

const errorMessage: Record<JoinError, MessageKey> = {
  empty: 'joinErrorEmpty',
  'not-a-board-link': 'joinErrorNotBoardLink',
  'invalid-id': 'joinErrorInvalidId',
}

/** "Join a board": takes a pasted board link or id and opens that board. */
export function JoinBoardForm() {
  const t = useT()
  const inputId = useId()
  const errorId = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<JoinError | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const target = parseJoinInput(text, window.location.origin)
    if (!target.ok) {
      setError(target.error)
      return
    }
    if (target.url !== undefined) window.location.assign(target.url)
    else navigate(boardPath(target.boardId) + target.fragment)
  }

  return (
    <form className="join-form" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor={inputId}>
        {t('joinLabel')}
      </label>
      <div className="inline-field">
        <input
          id={inputId}
          data-testid="join-input"
          className="text-input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('joinPlaceholder')}
          value={text}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value)
            setError(null)
          }}
        />
        <button type="submit" className="button" data-testid="join-submit">
          {t('joinSubmit')}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {t(errorMessage[error])}
        </p>
      )}
    </form>
  )
}
