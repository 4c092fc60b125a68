/**
 * Offline editing in Chromium: with the server down, a participant keeps drawing and closes
 * the tab, so her edits live only in the browser's IndexedDB; another participant draws
 * meanwhile. When the server is back and she opens the board again, everything merges:
 * both see all shapes, and so does someone who joins afterwards (the server stored them).
 */
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { BoardPage } from './boardPage'
import { AppServer, launchBrowser, openPerson } from './fixtures'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

/** Places a sticky note with the note tool (participants have it; not the rectangle), as a person would. */
async function placeNote(person: BoardPage, at: { x: number; y: number }): Promise<void> {
  const { page } = person
  await page.mouse.move(at.x - 40, at.y - 40)
  await page.keyboard.press('n')
  await page.mouse.click(at.x, at.y)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

/** Number of updates the board's local copy (y-indexeddb, database `civic-canvas:<id>`) holds. */
function localCopyUpdates(page: Page, boardId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const count = db.transaction('updates', 'readonly').objectStore('updates').count()
          count.onsuccess = () => {
            resolve(count.result)
            db.close()
          }
          count.onerror = () => reject(count.error)
        }
      }),
    `civic-canvas:${boardId}`,
  )
}

async function waitForLocalCopy(page: Page, boardId: string, atLeast: number): Promise<number> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const count = await localCopyUpdates(page, boardId)
    if (count >= atLeast) return count
    if (Date.now() > deadline) throw new Error(`the local copy holds ${count} updates, expected at least ${atLeast}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('offline editing', () => {
  test('edits made while the server is down survive closing the tab and merge with concurrent edits', async () => {
    const board = await server.createBoardWithTokens()
    const anaPerson = await openPerson(browser, 'Ana')
    const ana = new BoardPage(anaPerson.page, 'Ana')
    const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
    await ana.open(server.url, board.id, board.tokens.participant)
    await ben.open(server.url, board.id, board.tokens.participant)
    await ana.waitForConnectionStatus('connected')
    await ben.waitForConnectionStatus('connected')
    await placeNote(ana, { x: 300, y: 250 })
    await ana.waitForShapeCount(1)
    await ben.waitForShapeCount(1, 5_000)
    const shared = await ana.shapeIds()

    await server.stop()
    await ana.waitForConnectionStatus('reconnecting')
    await ben.waitForConnectionStatus('reconnecting')
    const storedLocally = await localCopyUpdates(ana.page, board.id)
    // Both keep working while the server is down.
    await placeNote(ana, { x: 550, y: 250 })
    await placeNote(ana, { x: 800, y: 250 })
    await placeNote(ben, { x: 300, y: 550 })
    await ana.waitForShapeCount(3)
    await ben.waitForShapeCount(2)
    const anaOffline = (await ana.shapeIds()).filter((id) => !shared.includes(id))
    const benOffline = (await ben.shapeIds()).filter((id) => !shared.includes(id))
    expect(anaOffline).toHaveLength(2)
    expect(benOffline).toHaveLength(1)
    // Ana's edits are in her browser's IndexedDB, then she closes the tab: no other copy exists.
    await waitForLocalCopy(ana.page, board.id, storedLocally + 2)
    await ana.page.close()

    await server.restart()
    await ben.waitForConnectionStatus('connected', 20_000)
    // Ana comes back in the same browser (same IndexedDB).
    const anaAgain = new BoardPage(await anaPerson.context.newPage(), 'Ana')
    await anaAgain.open(server.url, board.id, board.tokens.participant)
    await anaAgain.waitForConnectionStatus('connected', 20_000)
    const everything = [...shared, ...anaOffline, ...benOffline].sort()
    await anaAgain.waitForShapeCount(4, 10_000)
    await ben.waitForShapeCount(4, 10_000)
    expect(await anaAgain.shapeIds()).toEqual(everything)
    expect(await ben.shapeIds()).toEqual(everything)

    // The server has it all: someone new sees the four shapes.
    const cleo = new BoardPage((await openPerson(browser, 'Cleo')).page, 'Cleo')
    await cleo.open(server.url, board.id, board.tokens.viewer)
    await cleo.waitForShapeCount(4, 10_000)
    expect(await cleo.shapeIds()).toEqual(everything)
  })
  test('two tabs of one board in the same browser pass each other their edits while the server is down', async () => {
    const board = await server.createBoardWithTokens()
    const person = await openPerson(browser, 'Dana')
    const first = new BoardPage(person.page, 'Dana')
    await first.open(server.url, board.id, board.tokens.participant)
    await first.waitForConnectionStatus('connected')
    await placeNote(first, { x: 300, y: 250 })
    await first.waitForShapeCount(1)
    const second = new BoardPage(await person.context.newPage(), 'Dana')
    await second.open(server.url, board.id, board.tokens.participant)
    await second.waitForShapeCount(1, 10_000)
    // Cross-tab sync starts once each tab's board is shown and the browser is idle.
    for (const tab of [first, second]) await tab.page.waitForFunction('window.__civicCanvas?.provider?.bcconnected === true', undefined, { timeout: 5_000 })

    await server.stop()
    try {
      await first.waitForConnectionStatus('reconnecting')
      await second.waitForConnectionStatus('reconnecting')
      await placeNote(first, { x: 550, y: 250 })
      await placeNote(second, { x: 300, y: 550 })
      await first.waitForShapeCount(3, 5_000)
      await second.waitForShapeCount(3, 5_000)
      expect(await second.shapeIds()).toEqual(await first.shapeIds())
    } finally {
      await server.restart()
    }
  })
})
