import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { createYRecord, getMetaMap, getRecordsMap, SCHEMA_KEY, type PlainRecord } from '../../client/src/sync/recordLayout'
import type { BoardAddress } from '../lib/servers'

function connect(address: BoardAddress, doc: Y.Doc): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(address.serverUrl, address.room, doc, { WebSocketPolyfill: WebSocket as never, params: address.params, disableBc: true })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No first sync from ${address.serverUrl} within 30 s`)), 30_000)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve(provider)
    })
  })
}

/**
 * Writes `records` into a board as the app's binding lays them out (one Y.Map per record,
 * the schema in the meta map), through the official client, and waits until a second client
 * reads them all back from the server (so they are stored).
 */
export async function seedBoard(address: BoardAddress, records: readonly PlainRecord[], schema: object): Promise<void> {
  const doc = new Y.Doc()
  const writer = await connect(address, doc)
  doc.transact(() => {
    const map = getRecordsMap(doc)
    for (const record of records) map.set(record.id, createYRecord(record))
    getMetaMap(doc).set(SCHEMA_KEY, schema)
  })
  const want = getRecordsMap(doc).size
  const check = new Y.Doc()
  const started = Date.now()
  try {
    for (;;) {
      const reader = await connect(address, check)
      const seen = getRecordsMap(check).size
      reader.destroy()
      if (seen >= want) return
      if (Date.now() - started > 120_000) throw new Error(`The server holds ${seen} of ${want} seeded records after 120 s`)
      await new Promise((r) => setTimeout(r, 500))
    }
  } finally {
    writer.destroy()
    doc.destroy()
    check.destroy()
  }
}
