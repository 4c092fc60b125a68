import { loadBoardPageChunk } from './boardPageChunk'

/**
 * On the way to a board: starts its connection while the board page's code downloads
 * (earlyBoardConnection.ts, a small chunk of its own). Answers a function that closes it
 * again if the page never took it (leaving the route).
 */
export function startBoardAhead(boardId: string): () => void {
  const early = import('../sync/earlyBoardConnection')
  early.then((module) => module.openBoardAhead(boardId)).catch(() => {})
  return () => void early.then((module) => module.dropEarlyBoardConnection(boardId)).catch(() => {})
}

/**
 * The entry module's start on a board address: the board page's code first, so it runs as
 * soon as it is in instead of after React's first render of the route (~50–100 ms sooner,
 * docs/performance.md section 2, "Session 6"), then the connection. A failed download is
 * the route's to show: it asks for the chunk again (boardPageChunk.ts).
 */
export function startBoardRoute(boardId: string): void {
  loadBoardPageChunk().catch(() => {})
  startBoardAhead(boardId)
}
