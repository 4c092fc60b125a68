import './share.css'
import { lazy, Suspense } from 'react'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'

// The dialog's code loads the first time someone opens it: most people never share from the board.
const ShareDialog = lazy(async () => ({ default: (await import('./ShareDialog')).ShareDialog }))

/** Top-bar button opening the share dialog. */
export function ShareButton() {
  const t = useT()
  const access = useAppStore((state) => state.access)
  const open = useAppStore((state) => state.shareOpen)
  if (!access) return null
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        data-testid="share-button"
        aria-haspopup="dialog"
        title={t('shareLabel')}
        onClick={() => appStore.getState().setShareOpen(true)}
      >
        {t('share')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog access={access} onClose={() => appStore.getState().setShareOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
