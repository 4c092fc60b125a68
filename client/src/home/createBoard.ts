import { isValidBoardId } from '../../../shared/boardId'
import type { RoleTokens } from '../../../shared/access/boardApi'
import { isTemplateId, type TemplateId } from '../../../shared/templates/templateIds'

/** Why creating a board failed, so the page can say what to do about it. */
export type CreateBoardFailure =
  | { reason: 'network' }
  /** The server lets only holders of its operator code create boards (BOARD_CREATE_SECRET), and none or a wrong one was given. */
  | { reason: 'operator-code' }
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

/** What the home page asks for: a template and, optionally, a name. */
export interface NewBoardRequest {
  template: TemplateId
  name?: string
  /** The server's operator code, where creating boards needs one. */
  operatorCode?: string
}

/** A board the server just created. */
export interface NewBoard {
  id: string
  name: string
  template: TemplateId
  /** The three role links' tokens; null from a server without roles (it answers only the id). */
  tokens: RoleTokens | null
}

const ROLES = ['facilitator', 'participant', 'viewer'] as const

/** The tokens of a create answer: null when absent, undefined when present but unreadable. */
function readTokens(body: Record<string, unknown>): RoleTokens | null | undefined {
  if (!('tokens' in body)) return null
  const tokens = body.tokens
  if (typeof tokens !== 'object' || tokens === null) return undefined
  const read = tokens as Record<string, unknown>
  if (!ROLES.every((role) => typeof read[role] === 'string' && read[role] !== '')) return undefined
  return { facilitator: read.facilitator as string, participant: read.participant as string, viewer: read.viewer as string }
}

/**
 * Asks the server for a new board (`POST /api/boards` with `{ template, name }`) and answers
 * the board with its role tokens.
 */
export async function requestNewBoard(request: NewBoardRequest, fetchFn: typeof fetch = fetch): Promise<NewBoard> {
  const name = request.name?.trim()
  const code = request.operatorCode?.trim()
  let response: Response
  try {
    response = await fetchFn('/api/boards', {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(code ? { authorization: `Bearer ${code}` } : {}),
      },
      body: JSON.stringify({ template: request.template, ...(name ? { name } : {}) }),
    })
  } catch (error) {
    throw new CreateBoardError({ reason: 'network' }, error)
  }
  if (response.status === 401) throw new CreateBoardError({ reason: 'operator-code' })
  if (!response.ok) throw new CreateBoardError({ reason: 'server', status: response.status })
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    throw new CreateBoardError({ reason: 'bad-response' }, error)
  }
  if (typeof body !== 'object' || body === null) throw new CreateBoardError({ reason: 'bad-response' })
  const answer = body as Record<string, unknown>
  const id = answer.id
  if (typeof id !== 'string' || !isValidBoardId(id)) throw new CreateBoardError({ reason: 'bad-response' })
  const tokens = readTokens(answer)
  if (tokens === undefined) throw new CreateBoardError({ reason: 'bad-response' })
  return {
    id,
    name: typeof answer.name === 'string' ? answer.name : (name ?? ''),
    template: isTemplateId(answer.template) ? answer.template : request.template,
    tokens,
  }
}

/** Creates a blank board and answers its id. */
export async function createBoard(fetchFn: typeof fetch = fetch): Promise<string> {
  return (await requestNewBoard({ template: 'blank' }, fetchFn)).id
}
