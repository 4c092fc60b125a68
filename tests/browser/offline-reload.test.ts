/**
 * Reloading a board while its server is down, in Chromium: the service worker serves the
 * app from its cache, the board opens from IndexedDB with everything drawn so far, the badge
 * says offline with unsent changes, and once the server is back everything merges with
 * what a colleague drew after the restart.
 */
import type { Browser } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { BoardPage } from './boardPage'
import { AppServer, launchBrowser, openPerson } from './fixtures'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

describe('reload while the server is down', () => {
  test('the page loads from the service worker, the board from IndexedDB, and everything merges after the restart', async () => {
    const board = await server.createBoardWithTokens()
    const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
    const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
    await ana.open(server.url, board.id, board.tokens.participant)
    await ben.open(server.url, board.id, board.tokens.participant)
    await ana.waitForConnectionStatus('connected')
    await ben.waitForConnectionStatus('connected')
    await ana.placeNote({ x: 300, y: 250 })
    await ana.waitForShapeCount(1)
    await ben.waitForShapeCount(1, 5_000)
    // A first visit: the worker installs while the page loads and is sent what it missed.
    await ana.waitForOfflineCopy()

    await server.stop()
    await ana.waitForConnectionStatus('reconnecting')
    const before = await ana.waitForLocalCopy(board.id, 1)
    await ana.placeNote({ x: 550, y: 250 })
    await ana.waitForShapeCount(2)
    await ana.waitForLocalCopy(board.id, before + 1)
    const beforeReload = await ana.shapeIds()

    // The server is still down: only the service worker can answer this navigation.
    const answer = await ana.page.reload()
    expect(answer?.fromServiceWorker()).toBe(true)
    await ana.answerNamePrompt()
    await ana.waitForEditor()
    await ana.waitForShapeCount(2, 10_000)
    expect(await ana.shapeIds()).toEqual(beforeReload)
    await ana.waitForConnectionStatus('offline')
    expect(await ana.unsentChanges()).toBeGreaterThan(0)
    await ana.placeNote({ x: 800, y: 250 })
    await ana.waitForShapeCount(3)
    const anaOffline = (await ana.shapeIds()).filter((id) => !beforeReload.includes(id))
    expect(anaOffline).toHaveLength(1)

    await server.restart()
    await ben.waitForConnectionStatus('connected', 20_000)
    // Ben was there before the outage and draws after the restart.
    const benBefore = await ben.shapeIds()
    await ben.placeNote({ x: 300, y: 550 })
    await ben.page.waitForFunction((n) => window.__civicCanvas!.editor.getCurrentPageShapes().length > n, benBefore.length)
    const benAfterRestart = (await ben.shapeIds()).filter((id) => !benBefore.includes(id) && !anaOffline.includes(id) && !beforeReload.includes(id))
    expect(benAfterRestart).toHaveLength(1)
    await ana.waitForConnectionStatus('connected', 20_000)
    await ana.waitForShapeCount(4, 10_000)
    await ben.waitForShapeCount(4, 10_000)
    const everything = await ben.shapeIds()
    expect(everything).toEqual([...beforeReload, ...anaOffline, ...benAfterRestart].sort())
    expect(await ana.shapeIds()).toEqual(everything)
    await ana.page.waitForFunction(
      () => document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-unsent') === '0',
      undefined,
      { timeout: 10_000 },
    )

    // The server stored it all: a reload with the server up opens the same four notes.
    await ana.reload()
    await ana.waitForConnectionStatus('connected')
    await ana.waitForShapeCount(4, 10_000)
    expect(await ana.shapeIds()).toEqual(everything)
  })
})
