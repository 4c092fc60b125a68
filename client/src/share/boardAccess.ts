import { isRole, type Role } from '../../../shared/access/roles'
import type { BoardInfo, RoleTokens } from '../../../shared/access/boardApi'
import { boardPath } from '../routes/route'

/**
 * Board links carry their token in the URL fragment (`/b/<id>#t=<token>`): browsers never send
 * a fragment to the server, so tokens stay out of request lines and server logs.
 */
export function tokenFromHash(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash
  if (fragment === '') return null
  const token = new URLSearchParams(fragment).get('t')
  return token !== null && token.trim() !== '' ? token.trim() : null
}

/** The full link that opens `boardId` with `token`. */
export function boardLink(origin: string, boardId: string, token: string): string {
  return `${origin}${boardPath(boardId)}#t=${encodeURIComponent(token)}`
}

/** Why the board's info could not be read. */
export type AccessFailure =
  /** No token, or one the server cannot read or verify (401). */
  | { reason: 'no-access' }
  /** A token for another board, expired, or replaced by new links (403). */
  | { reason: 'link-revoked' }
  | { reason: 'not-found' }
  | { reason: 'network' }
  | { reason: 'server'; status: number }

export type AccessResult = { ok: true; info: BoardInfo } | { ok: false; failure: AccessFailure }

function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json' }
}

function failureFor(status: number): AccessFailure {
  if (status === 401) return { reason: 'no-access' }
  if (status === 403) return { reason: 'link-revoked' }
  if (status === 404) return { reason: 'not-found' }
  return { reason: 'server', status }
}

/** `GET /api/boards/<id>` with the link's token: the board's name and the role the token gives. */
export async function fetchBoardInfo(boardId: string, token: string, fetchFn: typeof fetch = fetch): Promise<AccessResult> {
  let response: Response
  try {
    response = await fetchFn(`/api/boards/${encodeURIComponent(boardId)}`, { headers: authHeaders(token) })
  } catch {
    return { ok: false, failure: { reason: 'network' } }
  }
  if (!response.ok) return { ok: false, failure: failureFor(response.status) }
  try {
    const body = (await response.json()) as Partial<BoardInfo>
    if (!isRole(body.role)) return { ok: false, failure: { reason: 'server', status: response.status } }
    return { ok: true, info: body as BoardInfo }
  } catch {
    return { ok: false, failure: { reason: 'server', status: response.status } }
  }
}

/** `POST /api/boards/<id>/tokens/rotate` (facilitators): new participant and viewer links; the old ones stop working. */
export async function rotateBoardTokens(boardId: string, token: string, fetchFn: typeof fetch = fetch): Promise<RoleTokens> {
  const response = await fetchFn(`/api/boards/${encodeURIComponent(boardId)}/tokens/rotate`, {
    method: 'POST',
    headers: authHeaders(token),
  })
  if (!response.ok) throw new Error(`Making new links failed (HTTP ${response.status}). Reload the board and try again.`)
  const body = (await response.json()) as { tokens?: Partial<RoleTokens> }
  const tokens = body.tokens
  if (!tokens || typeof tokens.participant !== 'string' || typeof tokens.viewer !== 'string' || typeof tokens.facilitator !== 'string') {
    throw new Error('The server answered without the new links. Try again.')
  }
  return tokens as RoleTokens
}

/** The links shown to a holder of `role`: their own role and those with fewer rights, with tokens known on this device. */
export function visibleLinks(
  role: Role,
  shareable: readonly Role[],
  known: Partial<Record<Role, string>>,
  ownToken: string,
): { role: Role; token: string | null }[] {
  return shareable.map((linkRole) => ({ role: linkRole, token: linkRole === role ? ownToken : (known[linkRole] ?? null) }))
}
