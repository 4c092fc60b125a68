import type { Editor } from 'tldraw'

/**
 * The live board's editor, as the board page publishes it (board/editorBridge.ts) once the
 * canvas has mounted; null while it loads. The top bar sits outside the canvas, so this is
 * how its export button reaches the board without threading the editor through the page.
 */
export function currentBoardEditor(): Editor | null {
  return typeof window === 'undefined' ? null : (window.__civicCanvas?.editor ?? null)
}
