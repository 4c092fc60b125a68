import { useEffect, useRef } from 'react'
import type { Editor } from 'tldraw'
import type { Role } from '../../../shared/access/roles'
import { keepToolsForRole } from './roleUi'
import { guardTemplateLocks, keepContentOutOfLockedFrames } from './templateLocks'

/** Role rules inside the editor: read-only for viewers, the friendly toolset, and locked template structure. */
export function useRoleRules(editor: Editor, role: Role, onLockedRefused?: () => void): void {
  const refusedRef = useRef(onLockedRefused)
  refusedRef.current = onLockedRefused
  useEffect(() => {
    if (role === 'viewer') editor.updateInstanceState({ isReadonly: true })
    const stopGuard = guardTemplateLocks(editor, role, () => refusedRef.current?.())
    const stopContent = keepContentOutOfLockedFrames(editor)
    const stopTools = keepToolsForRole(editor, role)
    return () => {
      stopGuard()
      stopContent()
      stopTools()
    }
  }, [editor, role])
}
