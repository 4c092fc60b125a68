// The panel's styles (also its toggle's pressed look) load with the top bar; its code on first open.
import './brics.css'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'
import { BRICS_PANEL_ID } from './bricsPanelId'

/** Top-bar button that shows or hides the BRiCS panel. */
export function BricsPanelToggle() {
  const t = useT()
  const open = useAppStore((state) => state.panels.brics)
  return (
    <button
      type="button"
      className="button button-quiet brics-toggle"
      data-testid="brics-toggle"
      aria-pressed={open}
      aria-controls={BRICS_PANEL_ID}
      title={t('bricsToggleLabel')}
      onClick={() => appStore.getState().togglePanel('brics')}
    >
      {t('bricsToggle')}
    </button>
  )
}
