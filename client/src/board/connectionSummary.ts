import type { MessageKey, MessageParams } from '../i18n/translate'
import type { ConnectionSlice } from '../state/connectionSlice'

/** One translatable piece of the status badge's text. */
export interface MessagePart {
  key: MessageKey
  params?: MessageParams
}

/** What the status badge says, as message keys: the status, then unsent changes and local saving when they matter. */
export function connectionSummary(connection: ConnectionSlice['connection']): MessagePart[] {
  const parts: MessagePart[] = [{ key: statusKey[connection.status] }]
  if (connection.status === 'connected' || connection.status === 'connecting') return parts
  if (connection.unsentChanges === 1) parts.push({ key: 'unsentChangesOne' })
  else if (connection.unsentChanges > 1)
    parts.push({ key: 'unsentChangesMany', params: { count: connection.unsentChanges } })
  if (connection.savedLocally) parts.push({ key: 'savedLocally' })
  return parts
}

const statusKey: Record<ConnectionSlice['connection']['status'], MessageKey> = {
  connecting: 'statusConnecting',
  connected: 'statusConnected',
  reconnecting: 'statusReconnecting',
  offline: 'statusOffline',
}
