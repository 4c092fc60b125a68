import { useEffect, useRef, useState } from 'react'
import { canRotateTokens, shareableRoles, type Role } from '../../../shared/access/roles'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import type { BoardAccess } from '../state/accessSlice'
import { deviceStorage } from '../user/deviceStorage'
import { findRecentBoard, rememberBoard } from '../user/recentBoards'
import { boardLink, rotateBoardTokens, visibleLinks } from './boardAccess'

const LINK_LABELS: Record<Role, MessageKey> = {
  facilitator: 'shareLinkFacilitator',
  participant: 'shareLinkParticipant',
  viewer: 'shareLinkViewer',
}

/** The links a person may hand out (never one with more rights than their own); facilitators can replace them. */
export function ShareDialog({ access, onClose }: { access: BoardAccess; onClose: () => void }) {
  const t = useT()
  const dialog = useRef<HTMLDialogElement>(null)
  const [known, setKnown] = useState(() => findRecentBoard(deviceStorage, access.boardId)?.tokens ?? {})
  const [copied, setCopied] = useState<Role | null>(null)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal?.()
    return () => element?.close?.()
  }, [])

  const links = visibleLinks(access.role, shareableRoles(access.role), known, access.token)

  const copy = async (role: Role, link: string) => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(role)
      setMessage(null)
    } catch {
      // Plain http on a workshop LAN has no clipboard API: the link is selectable in its field.
      setMessage({ kind: 'error', text: t('shareCopyFailed') })
    }
  }

  const rotate = async () => {
    if (!window.confirm(t('shareRotateConfirm'))) return
    setBusy(true)
    try {
      const tokens = await rotateBoardTokens(access.boardId, access.token)
      rememberBoard(deviceStorage, { id: access.boardId, lastOpenedAt: Date.now(), tokens })
      setKnown(tokens)
      setMessage({ kind: 'ok', text: t('shareRotated') })
    } catch (error) {
      setMessage({ kind: 'error', text: t('shareRotateFailed', { message: (error as Error).message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="share-dialog" data-testid="share-dialog" aria-labelledby="share-title" onClose={onClose} onCancel={onClose}>
      <h2 id="share-title">{t('shareTitle')}</h2>
      <p className="muted">{t('shareIntro')}</p>
      <ul className="share-links">
        {links.map(({ role, token }) => {
          const link = token ? boardLink(location.origin, access.boardId, token) : null
          return (
            <li key={role} className="share-link" data-testid={`share-link-${role}`}>
              <label>
                <span>{t(LINK_LABELS[role])}</span>
                {link ? (
                  <input readOnly value={link} onFocus={(event) => event.currentTarget.select()} data-testid={`share-url-${role}`} />
                ) : (
                  <span className="muted">{t('shareUnknownLink')}</span>
                )}
              </label>
              {link && (
                <button type="button" className="button" onClick={() => void copy(role, link)}>
                  {copied === role ? t('shareCopied') : t('shareCopy')}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {canRotateTokens(access.role) && (
        <div className="share-rotate">
          <button type="button" className="button" data-testid="share-rotate" disabled={busy} onClick={() => void rotate()}>
            {t('shareRotate')}
          </button>
          <p className="muted">{t('shareRotateHint')}</p>
        </div>
      )}
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="share-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('shareClose')}
        </button>
      </div>
    </dialog>
  )
}
