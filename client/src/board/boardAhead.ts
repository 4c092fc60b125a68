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
