import type { Editor } from 'tldraw'

/** What the page exposes on `window` for browser tests and debugging: the live board's editor. */
export interface CivicCanvasBridge {
  editor: Editor
}

declare global {
  interface Window {
    __civicCanvas?: CivicCanvasBridge
  }
}

/** Publishes the mounted editor on `window.__civicCanvas`; answers a function that withdraws it. */
export function exposeEditor(editor: Editor): () => void {
  window.__civicCanvas = { editor }
  return () => {
    if (window.__civicCanvas?.editor === editor) delete window.__civicCanvas
  }
}
