import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { TLRecord, TLSchema } from 'tldraw'
import { isValidBoardId } from '../../../shared/boardId'
import { createYRecord, getMetaMap, getRecordsMap, SCHEMA_KEY, type PlainRecord } from '../sync/recordLayout'
import { ImportError } from './boardFile'

/** A board made for an import, with the facilitator token when the server hands out tokens. */
export interface CreatedBoard {
  id: string
  token: string | null
}

/** `POST /api/boards` for an imported board; works with and without the token contract (issue 4). */
export async function createBoardForImport(name: string, fetchFn: typeof fetch = (...args) => fetch(...args)): Promise<CreatedBoard> {
  let res: Response
  try {
    res = await fetchFn('/api/boards', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(name.trim() ? { name: name.trim().slice(0, 200) } : {}),
    })
  } catch {
    throw new ImportError('network', 'could not reach the server')
  }
  const body = (await res.json().catch(() => null)) as { id?: unknown; tokens?: { facilitator?: unknown } } | null
  if (!res.ok || typeof body?.id !== 'string' || !isValidBoardId(body.id)) {
    throw new ImportError('server', `POST /api/boards answered ${res.status}`)
  }
  const token = typeof body.tokens?.facilitator === 'string' ? body.tokens.facilitator : null
  return { id: body.id, token }
}

/** The link that opens a board (the token rides in the fragment, never sent to the server). */
export function boardLink(board: CreatedBoard): string {
  return `/b/${board.id}${board.token ? `#t=${encodeURIComponent(board.token)}` : ''}`
}

export interface WriteBoardOptions {
  board: CreatedBoard
  records: readonly TLRecord[]
  schema: TLSchema
  /** Websocket base, e.g. ws://host/ws. */
  serverUrl: string
  timeoutMs?: number
}

function waitForSync(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve()
    const timer = setTimeout(() => {
      provider.off('sync', onSync)
      reject(new ImportError('network', 'the server did not answer in time'))
    }, timeoutMs)
    const onSync = (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
}

/**
 * Writes the records into the (empty, new) board through our websocket server, laid out as
 * the live binding lays them out, then reads the board back over a second connection and
 * resolves only when the server holds every record (it stores before it answers).
 */
export async function writeRecordsToBoard(options: WriteBoardOptions): Promise<void> {
  const { board, records, schema, serverUrl } = options
  const timeoutMs = options.timeoutMs ?? 30_000
  const params: Record<string, string> = board.token ? { token: board.token } : {}
  const doc = new Y.Doc()
  doc.transact(() => {
    getMetaMap(doc).set(SCHEMA_KEY, schema.serialize())
    const map = getRecordsMap(doc)
    for (const record of records) map.set(record.id, createYRecord(record as unknown as PlainRecord))
  })
  // No BroadcastChannel: in one tab it would hand the writer's records to the reader behind
  // the server's back, and the check below would prove nothing.
  const writer = new WebsocketProvider(serverUrl, board.id, doc, { params, disableBc: true })
  const check = new Y.Doc()
  const reader = new WebsocketProvider(serverUrl, board.id, check, { params, disableBc: true })
  try {
    await waitForSync(writer, timeoutMs)
    await waitForSync(reader, timeoutMs)
    // The server relays an update only after storing it: once the reader has every record, it is stored.
    const stored = getRecordsMap(check)
    const deadline = Date.now() + timeoutMs
    while (!records.every((r) => stored.has(r.id))) {
      if (Date.now() > deadline) throw new ImportError('network', 'the server did not store the board in time')
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    reader.destroy()
    writer.destroy()
    check.destroy()
    doc.destroy()
  }
}
