import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useT } from '../i18n/useT'
import { MAX_NAME_LENGTH, normalizeName } from './localUser'

/** Props of the name dialog. `first`: asked once, can not be dismissed; `rename`: can be cancelled. */
export interface NameDialogProps {
  mode: 'first' | 'rename'
  initialName: string
  onSubmit: (name: string) => void
  onCancel?: () => void
}

/** A modal form asking for the display name others see beside this person's cursor. */
export function NameDialog({ mode, initialName, onSubmit, onCancel }: NameDialogProps) {
  const t = useT()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [name, setName] = useState(initialName)
  const [showError, setShowError] = useState(false)
  const titleId = useId()
  const hintId = useId()
  const errorId = useId()

  useEffect(() => {
    const dialog = dialogRef.current
    // showModal traps focus and makes the page behind inert; fall back to a plain open dialog.
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal()
      else dialog.setAttribute('open', '')
    }
    return () => dialog?.close?.()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const normalized = normalizeName(name)
    if (normalized === null) {
      setShowError(true)
      return
    }
    onSubmit(normalized)
  }

  return (
    <dialog
      ref={dialogRef}
      className="name-dialog"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onCancel={(event) => {
        // Escape: a first-time visitor must still give a name; a rename is simply abandoned.
        event.preventDefault()
        if (mode === 'rename') onCancel?.()
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{mode === 'first' ? t('nameDialogTitle') : t('nameDialogRenameTitle')}</h2>
        <p id={hintId} className="muted">
          {t('nameDialogHint')}
        </p>
        <label className="field-label" htmlFor={`${titleId}-input`}>
          {t('nameLabel')}
        </label>
        <input
          id={`${titleId}-input`}
          data-testid="name-input"
          className="text-input"
          type="text"
          autoComplete="nickname"
          autoFocus
          maxLength={MAX_NAME_LENGTH * 2}
          value={name}
          aria-invalid={showError}
          aria-describedby={showError ? errorId : undefined}
          onChange={(event) => {
            setName(event.target.value)
            setShowError(false)
          }}
        />
        {showError && (
          <p id={errorId} className="field-error" role="alert">
            {t('nameRequired', { max: MAX_NAME_LENGTH })}
          </p>
        )}
        <div className="dialog-actions">
          {mode === 'rename' && (
            <button type="button" className="button" onClick={onCancel}>
              {t('nameCancel')}
            </button>
          )}
          <button type="submit" className="button button-primary" data-testid="name-submit">
            {mode === 'first' ? t('nameSubmit') : t('nameSave')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
