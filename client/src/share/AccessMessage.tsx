import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import type { AccessFailure } from './boardAccess'

const TEXTS: Record<'no-access' | 'link-revoked' | 'not-found', [MessageKey, MessageKey]> = {
  'no-access': ['accessNoTokenTitle', 'accessNoTokenBody'],
  'link-revoked': ['accessRevokedTitle', 'accessRevokedBody'],
  'not-found': ['accessNotFoundTitle', 'accessNotFoundBody'],
}

/** Shown instead of the canvas when the link does not (or no longer) open the board. */
export function AccessMessage({ failure }: { failure: AccessFailure }) {
  const t = useT()
  const reason = failure.reason === 'network' || failure.reason === 'server' ? 'no-access' : failure.reason
  const [title, body] = TEXTS[reason]
  return (
    <div className="board-state" role="alert" data-testid="access-denied" data-reason={reason}>
      <h1 className="board-state-title">{t(title)}</h1>
      <p>{t(body)}</p>
    </div>
  )
}
