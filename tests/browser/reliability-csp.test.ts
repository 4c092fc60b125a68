/**
 * The app runs under the server's Content-Security-Policy: no violation while a person
 * opens a board, draws, switches language and reloads (server/http/securityHeaders.ts).
 */
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../server/http/securityHeaders'
import { BoardPage } from './boardPage'
import { AppServer, launchBrowser, openPerson } from './fixtures'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

/** Records every CSP violation the page reports, from the document and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = []
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation
      report(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`)
    })
  })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`)
  })
  return violations
}

describe('Content-Security-Policy in Chromium', () => {
  test('the board works with no CSP violation', async () => {
    const boardId = await server.createBoard()
    const { page } = await openPerson(browser, 'Ana')
    const violations = await watchViolations(page)
    const answer = page.waitForResponse((res) => res.url().includes(`/b/${boardId}`))
    const ana = new BoardPage(page, 'Ana')
    await ana.open(server.url, boardId)
    expect((await answer).headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    await ana.waitForConnectionStatus('connected')

    await ana.drawRectangle({ x: 400, y: 300 }, { x: 600, y: 450 })
    await ana.waitForShapeCount(1)
    await page.getByTestId('locale-switch').click()
    await page.waitForFunction(() => document.documentElement.lang === 'zh-TW')
    await ana.reload()
    await ana.waitForShapeCount(1, 5_000)
    // Fonts, icons and translations come from this server: the page made no request elsewhere.
    const elsewhere = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => /^https?:/.test(name) && new URL(name).origin !== location.origin),
    )
    expect(elsewhere).toEqual([])
    expect(violations).toEqual([])
  })
})
