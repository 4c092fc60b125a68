import { useEffect, useState } from 'react'

type BoardPageModule = typeof import('./BoardPage')

let loaded: BoardPageModule | null = null
let loading: Promise<BoardPageModule> | null = null

/**
 * Starts (once) downloading the board page's chunk: tldraw and the board code, which the
 * home page must not wait for. A failed download is not cached: the next call tries again.
 */
export function loadBoardPageChunk(): Promise<BoardPageModule> {
  loading ??= import('./BoardPage').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

export type BoardPageChunk = { status: 'loading' } | { status: 'ready'; module: BoardPageModule } | { status: 'failed'; error: Error }

/**
 * The board page's chunk as state. Deliberately not React.lazy + Suspense: React holds a
 * suspended boundary's content back until its fallback has been shown for 300 ms, so a
 * chunk that arrives sooner (the usual case: preloaded, or from the cache) would still wait
 * (docs/performance.md, "Board open").
 */
export function useBoardPageChunk(): BoardPageChunk {
  const [chunk, setChunk] = useState<BoardPageChunk>(() => (loaded ? { status: 'ready', module: loaded } : { status: 'loading' }))
  const ready = chunk.status === 'ready'
  useEffect(() => {
    if (ready) return
    let current = true
    loadBoardPageChunk().then(
      (module) => current && setChunk({ status: 'ready', module }),
      (error: unknown) => current && setChunk({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    )
    return () => {
      current = false
    }
  }, [ready])
  return chunk
}
