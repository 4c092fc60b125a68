import type * as Y from 'yjs'
import type { ServerClock } from './serverClock'

// Browser tests read the session doc and the server clock next to the editor (see board/editorBridge.ts).
declare module '../board/editorBridge' {
  interface CivicCanvasBridge {
    /** The board's session doc (`getMap('session')`: step, timer, vote, summon, followMe). */
    sessionDoc?: Y.Doc
    /** This browser's estimate of the server's clock (`now()`). */
    serverClock?: ServerClock
  }
}

/** Adds the session doc and server clock to `window.__civicCanvas`; answers a function that removes them. */
export function exposeSessionForTests(sessionDoc: Y.Doc, clock: ServerClock): () => void {
  if (typeof window === 'undefined') return () => {}
  window.__civicCanvas = { ...window.__civicCanvas, sessionDoc, serverClock: clock } as NonNullable<typeof window.__civicCanvas>
  return () => {
    const bridge = window.__civicCanvas
    if (bridge?.sessionDoc === sessionDoc) {
      delete bridge.sessionDoc
      delete bridge.serverClock
    }
  }
}
