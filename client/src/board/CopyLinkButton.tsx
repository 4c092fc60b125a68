import { useEffect, useState } from 'react'
import { useT } from '../i18n/useT'

type CopyState = 'idle' | 'copied' | 'failed'

/** Copies the board's address to the clipboard so it can be pasted to the other participants. */
export function CopyLinkButton() {
  const t = useT()
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = window.setTimeout(() => setState('idle'), state === 'copied' ? 2000 : 6000)
    return () => window.clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href)
      setState('copied')
    } catch (error) {
      // Clipboard access needs a secure context (https or localhost); a LAN workshop on http has none.
      console.warn('Copying the board link failed', error)
      setState('failed')
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        data-testid="copy-link"
        aria-label={t('copyLinkLabel')}
        onClick={() => void copy()}
      >
        {state === 'copied' ? t('linkCopied') : t('copyLink')}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? t('linkCopied') : ''}
      </span>
      {state === 'failed' && (
        <span className="topbar-error" role="alert">
          {t('copyFailed')}
        </span>
      )}
    </>
  )
}
