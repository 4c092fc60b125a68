import { useT } from '../i18n/useT'

/** Shown while the board's content arrives from the server (or this device's saved copy). */
export function BoardLoading() {
  const t = useT()
  return (
    <div className="board-state" role="status" aria-live="polite" data-testid="board-loading">
      <span className="spinner" aria-hidden="true" />
      <p>{t('boardLoading')}</p>
    </div>
  )
}

/** Explains why the board could not be shown, and offers the one action that helps. */
export function BoardLoadError(props: {
  reason: 'newer-schema' | 'load-failed'
  message?: string | undefined
  onRetry: () => void
}) {
  const t = useT()
  const newer = props.reason === 'newer-schema'
  return (
    <div className="board-state" role="alert" data-testid="board-error" data-reason={props.reason}>
      <h1 className="board-state-title">{newer ? t('errorNewerSchemaTitle') : t('errorLoadFailedTitle')}</h1>
      <p>{newer ? t('errorNewerSchemaBody') : t('errorLoadFailedBody')}</p>
      {/* The newer-schema message only repeats the translated body in English; a load failure's details help whoever runs the server. */}
      {!newer && props.message && <p className="muted board-state-details">{t('errorDetails', { message: props.message })}</p>}
      {newer ? (
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('reload')}
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  )
}
