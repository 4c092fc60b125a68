import { isValidBoardId } from '../../../shared/boardId'

/** Why creating a board failed, so the page can say what to do about it. */
export type CreateBoardFailure =
  | { reason: 'network' }
  | { reason: 'server'; status: number }
  | { reason: 'bad-response' }

/** Thrown by `createBoard`; `failure` says which of the three ways it went wrong. */
export class CreateBoardError extends Error {
  readonly failure: CreateBoardFailure

  constructor(failure: CreateBoardFailure, cause?: unknown) {
    super(`Creating a board failed: ${failure.reason}${'status' in failure ? ` (HTTP ${failure.status})` : ''}`, {
      cause,
    })
    this.name = 'CreateBoardError'
    this.failure = failure
  }
}

/** Asks the server for a new board (`POST /api/boards` → `{ id }`) and answers its id. */
export async function createBoard(fetchFn: typeof fetch = fetch): Promise<string> {
  let response: Response
  try {
    response = await fetchFn('/api/boards', { method: 'POST', headers: { accept: 'application/json' } })
  } catch (error) {
    throw new CreateBoardError({ reason: 'network' }, error)
  }
  if (!response.ok) throw new CreateBoardError({ reason: 'server', status: response.status })
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    throw new CreateBoardError({ reason: 'bad-response' }, error)
  }
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined
  if (typeof id !== 'string' || !isValidBoardId(id)) throw new CreateBoardError({ reason: 'bad-response' })
  return id
}
