import './share.css'
import type { Role } from '../../../shared/access/roles'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { useAppStore } from '../state/appStore'

/** The dictionary key of a role's name. */
export const ROLE_NAME_KEYS: Record<Role, MessageKey> = {
  facilitator: 'roleFacilitator',
  participant: 'roleParticipant',
  viewer: 'roleViewer',
}

/** The person's role on the open board, in the top bar. */
export function RoleBadge() {
  const t = useT()
  const role = useAppStore((state) => state.access?.role)
  if (!role) return null
  const name = t(ROLE_NAME_KEYS[role])
  return (
    <span
      className={`role-badge role-badge-${role}`}
      data-testid="role-badge"
      data-role={role}
      title={role === 'viewer' ? t('roleViewerHint') : t('roleBadgeLabel', { role: name })}
      aria-label={t('roleBadgeLabel', { role: name })}
    >
      {name}
    </span>
  )
}
