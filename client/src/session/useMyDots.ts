import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Dot, SessionVote } from '../../../shared/session/vote'
import { votesApi, type VotesApi } from './votesApi'

export interface MyDots {
  dots: Dot[]
  busy: boolean
  error: string | null
  place: (noteId: string) => void
  takeBack: (dotId: string) => void
}

/** This person's dots in the open vote, kept in step with the server's answers. */
export function useMyDots(options: {
  boardId: string
  token: string
  userId: string
  vote: SessionVote | null
  api?: VotesApi
}): MyDots {
  const { boardId, token, userId, vote } = options
  const voteId = vote?.id ?? null
  const open = vote?.state === 'open'
  const api = useMemo(
    () => options.api ?? (voteId ? votesApi({ boardId, voteId, token, userId }) : null),
    [options.api, boardId, voteId, token, userId],
  )
  const [dots, setDots] = useState<Dot[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    setDots([])
    setError(null)
    if (!api || !open) return
    let cancelled = false
    api.mine().then(
      (mine) => !cancelled && setDots(mine),
      (failure: unknown) => !cancelled && setError(String((failure as Error).message ?? failure)),
    )
    return () => {
      cancelled = true
    }
  }, [api, open])

  const run = useCallback(
    (action: () => Promise<Dot[]>) => {
      setBusy(true)
      setError(null)
      action().then(
        (mine) => {
          setDots(mine)
          setBusy(false)
        },
        (failure: unknown) => {
          setError(failure instanceof Error ? failure.message : String(failure))
          setBusy(false)
        },
      )
    },
    [],
  )

  return {
    dots,
    busy,
    error,
    place: (noteId) => api && run(() => api.placeDot(noteId)),
    takeBack: (dotId) => api && run(() => api.takeBack(dotId)),
  }
}
