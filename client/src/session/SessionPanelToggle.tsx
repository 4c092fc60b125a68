import { canChangeSession } from '../../../shared/access/roles'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'
import { SESSION_PANEL_ID } from './sessionPanelId'

/** Top-bar button showing or hiding the facilitator panel (facilitators only). */
export function SessionPanelToggle() {
  const t = useT()
  const role = useAppStore((state) => state.access?.role)
  const open = useAppStore((state) => state.sessionPanelOpen)
  if (!role || !canChangeSession(role)) return null
  return (
    <button
      type="button"
      className="button button-quiet"
      data-testid="session-panel-toggle"
      aria-pressed={open}
      aria-controls={SESSION_PANEL_ID}
      title={t('sessionPanelLabel')}
      onClick={() => appStore.getState().setSessionPanelOpen(!open)}
    >
      {t('sessionPanel')}
    </button>
  )
}
