import { appStore, useAppStore } from '../state/appStore'
import { needsName } from './localUser'
import { NameDialog } from './NameDialog'

/** Asks for a display name the first time someone arrives (home or board page); renders nothing after. */
export function NamePrompt() {
  const user = useAppStore((state) => state.user)
  if (!user || !needsName(user)) return null
  return (
    <NameDialog
      mode="first"
      initialName=""
      onSubmit={(name) => appStore.getState().setUser({ ...user, name })}
    />
  )
}
