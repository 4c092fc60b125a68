import type { CreatedBoard } from '../../../shared/access/boardApi'

/** A board created through the API, with its three role tokens. */
export type TestBoard = CreatedBoard

/**
 * Creates a board with `POST /api/boards` on the server at `baseUrl` (http://host:port)
 * and returns its id and tokens. `body` is sent as JSON when given.
 */
export async function createTestBoard(
  baseUrl: string,
  body?: { name?: string; template?: string },
  headers: Record<string, string> = {},
): Promise<TestBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as TestBoard
}

/** The websocket URL of a board document with a token: `<wsUrl>/<id>[/session]?token=...`. */
export function docUrl(wsUrl: string, boardId: string, token: string, kind: 'board' | 'session' = 'board'): string {
  return `${wsUrl}/${boardId}${kind === 'session' ? '/session' : ''}?token=${encodeURIComponent(token)}`
}

/** Headers carrying a board token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}
