/**
 * A tampered client writes records that tldraw's schema refuses straight into the board's
 * Y.Doc. The server stores them (it does not validate records: docs/reliability.md); every
 * browser skips them one by one, so the board stays loadable and usable for everyone.
 */
import type { Browser } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createYRecord, getRecordsMap, readYRecord, type PlainRecord } from '../../client/src/sync/recordLayout'
import { BoardPage } from './boardPage'
import { AppServer, launchBrowser, openPerson } from './fixtures'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

/** Joins the board with the official client in Node, as a tampered browser would, and writes `records`. */
async function writeRaw(boardId: string, token: string, write: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/ws`, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  try {
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    write(doc)
    // Leave once the server has relayed it back to another connection: then it is stored.
    await new Promise((r) => setTimeout(r, 500))
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

describe('records that fail the schema', () => {
  test('are skipped by every browser; the board loads and keeps working', async () => {
    const board = await server.createBoardWithTokens()
    const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
    await ana.open(server.url, board.id, board.tokens.facilitator)
    await ana.waitForConnectionStatus('connected')
    await ana.drawRectangle({ x: 300, y: 250 }, { x: 450, y: 350 })
    await ana.waitForShapeCount(1)
    const [rectangleId] = await ana.shapeIds()

    await writeRaw(board.id, board.tokens.participant!, (doc) => {
      const records = getRecordsMap(doc)
      const rectangle = readYRecord(records.get(rectangleId!)!) as PlainRecord & { props: Record<string, unknown>; x: number }
      const variant = (id: string, change: Record<string, unknown>, props: Record<string, unknown> = {}) =>
        createYRecord({ ...rectangle, id, ...change, props: { ...rectangle.props, ...props } } as PlainRecord)
      doc.transact(() => {
        records.set('shape:bad-geo', variant('shape:bad-geo', { x: rectangle.x + 200 }, { geo: 'banana' }))
        records.set('shape:bad-size', variant('shape:bad-size', { x: rectangle.x + 400 }, { w: 'wide' }))
        records.set('shape:no-type', variant('shape:no-type', { type: 'no-such-shape' }))
        records.set('evil:1', createYRecord({ id: 'evil:1', typeName: 'evil', payload: '<img src=x onerror=alert(1)>' }))
        // One good record in the same transaction still lands.
        records.set('shape:good-copy', variant('shape:good-copy', { x: rectangle.x + 600 }))
      })
    })

    // Ana, on the board all along, gets the good copy; the editor keeps running.
    await ana.waitForShapeCount(2, 5_000)
    const kept = [rectangleId!, 'shape:good-copy'].sort()
    expect(await ana.shapeIds()).toEqual(kept)

    // Ben opens the board afterwards: it loads, with only the valid shapes.
    const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
    await ben.open(server.url, board.id, board.tokens.participant)
    await ben.waitForConnectionStatus('connected')
    await ben.waitForShapeCount(2, 5_000)
    expect(await ben.shapeIds()).toEqual(kept)

    // And both keep working together.
    await ana.drawRectangle({ x: 300, y: 450 }, { x: 450, y: 550 })
    await ben.waitForShapeCount(3, 5_000)
    expect(await ben.shapeIds()).toEqual(await ana.shapeIds())
  })
})
