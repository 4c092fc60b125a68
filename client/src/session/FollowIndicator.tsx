import { useValue, type Editor } from 'tldraw'
import { useT } from '../i18n/useT'

/** "Following Ana", with a stop button, while this person follows someone (people menu or "follow me"). */
export function FollowIndicator({ editor }: { editor: Editor }) {
  const t = useT()
  const following = useValue(
    'following',
    () => {
      const id = editor.getInstanceState().followingUserId
      if (!id) return null
      const name = editor.getCollaborators().find((c) => c.userId === id)?.userName
      return { id, name: name && name.trim() !== '' ? name : null }
    },
    [editor],
  )
  if (!following) return null
  return (
    <div className="session-following" data-testid="following" data-user-id={following.id} role="status">
      <span>{t('followingName', { name: following.name ?? t('someone') })}</span>
      <button type="button" className="session-button" data-testid="stop-following" onClick={() => editor.stopFollowingUser()}>
        {t('followingStop')}
      </button>
    </div>
  )
}
