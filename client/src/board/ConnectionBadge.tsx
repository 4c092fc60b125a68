import { useT } from '../i18n/useT'
import { useAppStore } from '../state/appStore'
import { connectionSummary } from './connectionSummary'

/** The always-visible connection state of the board: connected, reconnecting or offline, with unsent changes. */
export function ConnectionBadge() {
  const t = useT()
  const connection = useAppStore((state) => state.connection)
  const text = connectionSummary(connection)
    .map((part) => t(part.key, part.params))
    .join(' · ')
  const disconnected = connection.status === 'offline' || connection.status === 'reconnecting'
  return (
    <span
      className={`connection-badge connection-${connection.status}`}
      data-testid="connection-status"
      data-status={connection.status}
      data-unsent={connection.unsentChanges}
      role="status"
      title={disconnected ? t('statusOfflineHint') : undefined}
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </span>
  )
}
