import type { CreatedBoard } from '../../shared/access/boardApi'

/** Creates a board with `POST /api/boards` on the server at `baseUrl`; returns its id and role tokens. */
export async function createBoard(baseUrl: string, body: { name?: string; template?: string } = {}): Promise<CreatedBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as CreatedBoard
}

/** `<wsUrl>/<id>[/session]?token=...`: the websocket address of a board document for a raw client. */
export function boardSocketUrl(wsUrl: string, boardId: string, token: string, kind: 'board' | 'session' = 'board'): string {
  return `${wsUrl}/${boardId}${kind === 'session' ? '/session' : ''}?token=${encodeURIComponent(token)}`
}
