import { react, type Editor } from 'tldraw'
import { normalizeName } from '../user/localUser'

/**
 * Calls `onName` when the person renames themselves in tldraw's own people menu, so the top
 * bar and the next visit use the same name. Answers a function that stops following.
 */
export function followEditorName(editor: Editor, onName: (name: string) => void): () => void {
  let stopped = false
  const stop = react('civic-canvas: follow the user name', () => {
    const name = normalizeName(editor.user.getName())
    // Deferred: writing to other stores inside a reaction would disturb tldraw's dependency tracking.
    if (name !== null) queueMicrotask(() => stopped || onName(name))
  })
  return () => {
    stopped = true
    stop()
  }
}
