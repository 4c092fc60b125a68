import type { Dot } from '../../../shared/session/vote'

// The server holds the dots (contract: /api/boards/<id>/votes/<voteId>/…), so counts stay hidden
// until the close and nobody places more dots than allowed.

/** A refused or failed votes call; `status` 409 means "no dots left" or "vote not open". */
export class VoteApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'VoteApiError'
  }
}

export interface VotesApi {
  placeDot(noteId: string): Promise<Dot[]>
  takeBack(dotId: string): Promise<Dot[]>
  mine(): Promise<Dot[]>
  close(): Promise<void>
  resultsCsv(): Promise<Blob>
}

function parseDots(body: unknown): Dot[] {
  const dots = typeof body === 'object' && body !== null ? (body as { dots?: unknown }).dots : undefined
  if (!Array.isArray(dots)) return []
  return dots.filter(
    (dot): dot is Dot => typeof dot === 'object' && dot !== null && typeof dot.id === 'string' && typeof dot.noteId === 'string',
  )
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown }
    const text = body.message ?? body.error
    if (typeof text === 'string' && text !== '') return text
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `HTTP ${response.status}`
}

/** The votes API of one vote, for one person holding `token`. */
export function votesApi(options: {
  boardId: string
  voteId: string
  token: string
  userId: string
  fetchFn?: typeof fetch
}): VotesApi {
  const fetchFn = options.fetchFn ?? ((...args: Parameters<typeof fetch>) => fetch(...args))
  const base = `/api/boards/${encodeURIComponent(options.boardId)}/votes/${encodeURIComponent(options.voteId)}`
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' }
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetchFn(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers ?? {}) } })
    if (!response.ok) throw new VoteApiError(response.status, await errorText(response))
    return response
  }
  return {
    async placeDot(noteId) {
      const response = await call('/dots', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ noteId, userId: options.userId }),
      })
      return parseDots(await response.json())
    },
    async takeBack(dotId) {
      const response = await call(`/dots/${encodeURIComponent(dotId)}?userId=${encodeURIComponent(options.userId)}`, {
        method: 'DELETE',
      })
      return parseDots(await response.json())
    },
    async mine() {
      const response = await call(`/mine?userId=${encodeURIComponent(options.userId)}`)
      return parseDots(await response.json())
    },
    async close() {
      await call('/close', { method: 'POST' })
    },
    async resultsCsv() {
      const response = await call('/results.csv', { headers: { accept: 'text/csv' } })
      return response.blob()
    },
  }
}
