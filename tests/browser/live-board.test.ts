import { beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { AppServer, launchBrowser, openPerson } from './fixtures'
import { BoardPage } from './boardPage'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

async function twoPeopleOnOneBoard(): Promise<{ boardId: string; ana: BoardPage; ben: BoardPage }> {
  const boardId = await server.createBoard()
  const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
  const ben = new BoardPage((await openPerson(browser, 'Ben')).page, 'Ben')
  await ana.open(server.url, boardId)
  await ben.open(server.url, boardId)
  await ana.waitForConnectionStatus('connected')
  await ben.waitForConnectionStatus('connected')
  return { boardId, ana, ben }
}

describe('live board in two browsers', () => {
  test('a rectangle drawn by one person appears for the other within 2 s and survives a reload', async () => {
    const { ana, ben } = await twoPeopleOnOneBoard()
    expect(await ana.shapeIds()).toEqual([])

    await ana.drawRectangle({ x: 400, y: 300 }, { x: 600, y: 450 })
    await ana.waitForShapeCount(1)
    const drawn = await ana.shapeIds()
    await ben.waitForShapeCount(1, 2_000)
    expect(await ben.shapeIds()).toEqual(drawn)

    await ben.reload()
    await ben.waitForShapeCount(1, 5_000)
    expect(await ben.shapeIds()).toEqual(drawn)
  })

  test("each person sees the other's cursor with their name", async () => {
    const { ana, ben } = await twoPeopleOnOneBoard()
    await ana.page.mouse.move(500, 400)
    await ana.page.mouse.move(520, 420, { steps: 4 })
    const nametag = ben.page.locator('.tl-nametag', { hasText: 'Ana' })
    await nametag.waitFor({ state: 'visible', timeout: 5_000 })
    expect(await nametag.textContent()).toContain('Ana')
    expect(await ben.page.locator('.tl-collaborator__cursor').count()).toBeGreaterThan(0)
  })

  test('both pages reconverge after the server restarts mid-session', async () => {
    const { ana, ben } = await twoPeopleOnOneBoard()
    await ana.drawRectangle({ x: 300, y: 300 }, { x: 420, y: 380 })
    await ben.waitForShapeCount(1, 2_000)

    await server.stop()
    await ana.waitForConnectionStatus('reconnecting')
    // Ana keeps working while the server is down; her change waits in her browser.
    await ana.drawRectangle({ x: 600, y: 300 }, { x: 720, y: 380 })
    await ana.waitForShapeCount(2)
    expect(await ben.shapeIds()).toHaveLength(1)

    await server.restart()
    await ana.waitForConnectionStatus('connected', 20_000)
    await ben.waitForConnectionStatus('connected', 20_000)
    await ben.waitForShapeCount(2, 10_000)
    expect(await ben.shapeIds()).toEqual(await ana.shapeIds())
  })

  test('switching to zh-TW changes the UI text, tldraw menus included', async () => {
    const boardId = await server.createBoard()
    const ana = new BoardPage((await openPerson(browser, 'Ana')).page, 'Ana')
    await ana.open(server.url, boardId)
    const switcher = ana.page.getByTestId('locale-switch')
    const statusBefore = await ana.page.getByTestId('connection-status').textContent()
    await ana.page.evaluate(() => document.documentElement.lang).then((lang) => expect(lang).toBe('en'))

    await switcher.click()
    await ana.page.waitForFunction(() => document.documentElement.lang === 'zh-TW')
    const statusAfter = await ana.page.getByTestId('connection-status').textContent()
    expect(statusAfter).not.toEqual(statusBefore)
    expect(statusAfter).toMatch(/[\u4e00-\u9fff]/)
    // tldraw's own UI follows: the main menu button's label is translated.
    const locale = await ana.page.evaluate(() => window.__civicCanvas!.editor.user.getLocale())
    expect(locale).toBe('zh-tw')
  })
})
