import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { Editor } from 'tldraw'

// The board page already publishes `window.__civicCanvas = { editor }` (board/editorBridge.ts);
// the sync layer adds the board's doc and provider to that same object, so browser tests can
// read the Yjs side (doc contents, connection, awareness) of the editor they drive.
declare module '../board/editorBridge' {
  interface CivicCanvasBridge {
    /** The board's Y.Doc (records in `getMap('records')`, schema in `getMap('meta')`). */
    doc?: Y.Doc
    /** The board's y-websocket provider (`wsconnected`, `synced`, `awareness`, `disconnect()`, `connect()`). */
    provider?: WebsocketProvider
  }
}

/**
 * Publishes the mounted board on `window.__civicCanvas` as `{ editor, doc, provider }` for
 * browser tests and debugging. Answers a function that withdraws it (only if still ours).
 */
export function exposeBoardForTests(editor: Editor, doc: Y.Doc, provider: WebsocketProvider): () => void {
  if (typeof window === 'undefined') return () => {}
  window.__civicCanvas = { ...window.__civicCanvas, editor, doc, provider }
  return () => {
    if (window.__civicCanvas?.editor === editor) delete window.__civicCanvas
  }
}
