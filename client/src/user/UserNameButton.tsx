import { useState } from 'react'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'
import { NameDialog } from './NameDialog'

/** The person's name with their colour; clicking it opens the rename dialog. */
export function UserNameButton() {
  const t = useT()
  const user = useAppStore((state) => state.user)
  const [renaming, setRenaming] = useState(false)
  if (!user || user.name === '') return null
  return (
    <>
      <button
        type="button"
        className="button button-quiet user-name-button"
        data-testid="user-name"
        aria-label={t('userNameButtonLabel', { name: user.name })}
        onClick={() => setRenaming(true)}
      >
        <span className="user-swatch" style={{ backgroundColor: user.color }} aria-hidden="true" />
        <span className="user-name-text">{user.name}</span>
      </button>
      {renaming && (
        <NameDialog
          mode="rename"
          initialName={user.name}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) => {
            appStore.getState().setUser({ ...user, name })
            setRenaming(false)
          }}
        />
      )}
    </>
  )
}
