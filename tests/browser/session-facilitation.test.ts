import { beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { AppServer, launchBrowser, openPerson, type CreatedTestBoard, type TestRole } from './fixtures'
import { BoardPage } from './boardPage'

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await AppServer.start()
  browser = await launchBrowser()
})

/** Opens the board as `name` with the link of `role`; `clockSkewMs` shifts that browser's clock. */
async function join(board: CreatedTestBoard, role: TestRole, name: string, clockSkewMs = 0): Promise<BoardPage> {
  const { page } = await openPerson(browser, name)
  if (clockSkewMs !== 0) {
    await page.addInitScript((skew) => {
      const realNow = Date.now.bind(Date)
      Date.now = () => realNow() + skew
    }, clockSkewMs)
  }
  const person = new BoardPage(page, name)
  await person.open(server.url, board.id, board.tokens[role])
  expect(await person.role()).toBe(role)
  await person.waitForConnectionStatus('connected')
  await person.waitForSession()
  return person
}

interface FrameSpec {
  id: string
  step: string
  x: number
  y: number
  w: number
  h: number
}

/** The facilitator lays out step frames as a template would: locked structure marked with the step. */
async function createStepFrames(facilitator: BoardPage, frames: FrameSpec[]): Promise<void> {
  await facilitator.page.evaluate((specs) => {
    const editor = window.__civicCanvas!.editor
    editor.createShapes(
      specs.map((f) => ({
        id: f.id as never,
        type: 'frame',
        x: f.x,
        y: f.y,
        isLocked: true,
        props: { w: f.w, h: f.h, name: f.step },
        meta: { step: f.step, templateLocked: true },
      })),
    )
  }, frames)
}

/** Notes on the page (not inside the locked frame), as the template places them. */
async function createNotes(facilitator: BoardPage, notes: { id: string; x: number; y: number; text: string }[]): Promise<void> {
  await facilitator.page.evaluate((specs) => {
    const editor = window.__civicCanvas!.editor
    editor.createShapes(
      specs.map((n) => ({
        id: n.id as never,
        type: 'note',
        x: n.x,
        y: n.y,
        props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: n.text }] }] } },
      })),
    )
  }, notes)
}

function inside(point: { x: number; y: number }, box: { x: number; y: number; w: number; h: number }): boolean {
  return point.x >= box.x && point.x <= box.x + box.w && point.y >= box.y && point.y <= box.y + box.h
}

const EMPATHIZE: FrameSpec = { id: 'shape:frame-empathize', step: 'empathize', x: 0, y: 0, w: 1600, h: 1000 }
const DEFINE: FrameSpec = { id: 'shape:frame-define', step: 'define', x: 6000, y: 3000, w: 1600, h: 1000 }
const IDEATE: FrameSpec = { id: 'shape:frame-ideate', step: 'ideate', x: 0, y: 0, w: 1200, h: 800 }

describe('facilitated session in Chromium', () => {
  test("a step change moves the participant's camera to the step's frame and shows the banner", async () => {
    const board = await server.createBoardWithTokens()
    const fay = await join(board, 'facilitator', 'Fay')
    await createStepFrames(fay, [EMPATHIZE, DEFINE])
    const pat = await join(board, 'participant', 'Pat')
    await pat.waitForShapeCount(2, 5_000)
    expect(inside(await pat.viewCentre(), DEFINE)).toBe(false)
    // Participants have no run-sheet.
    expect(await pat.page.getByTestId('session-panel').count()).toBe(0)

    const panel = await fay.sessionPanel()
    // The facilitator sees who is here, with their role.
    await panel.locator('[data-testid="people-list"] li[data-role="participant"]', { hasText: 'Pat' }).waitFor({ timeout: 5_000 })
    await panel.getByTestId('goto-step-define').click()

    const banner = pat.page.locator('[data-testid="step-banner"][data-step="define"]')
    await banner.waitFor({ state: 'visible', timeout: 3_000 })
    expect(await banner.textContent()).toContain('Define')
    expect(await banner.textContent()).toContain('customer journey')
    // In zh-TW the banner names the step and its prompt in Chinese.
    await pat.page.getByTestId('locale-switch').click()
    await pat.page.waitForFunction(() => document.documentElement.lang === 'zh-TW')
    expect(await banner.textContent()).toContain('定義')
    expect(await banner.textContent()).toContain('顧客旅程地圖')
    await pat.page.waitForFunction(
      (frame) => {
        const c = window.__civicCanvas!.editor.getViewportPageBounds().center
        return c.x >= frame.x && c.x <= frame.x + frame.w && c.y >= frame.y && c.y <= frame.y + frame.h
      },
      DEFINE,
      { timeout: 3_000 },
    )

    // The participant looks elsewhere, then jumps back to the step.
    await pat.page.evaluate(() => {
      window.__civicCanvas!.editor.setCamera({ x: 5000, y: 5000, z: 1 })
    })
    expect(inside(await pat.viewCentre(), DEFINE)).toBe(false)
    await pat.page.getByTestId('back-to-step').click()
    await pat.page.waitForFunction(
      (frame) => {
        const c = window.__civicCanvas!.editor.getViewportPageBounds().center
        return c.x >= frame.x && c.x <= frame.x + frame.w && c.y >= frame.y && c.y <= frame.y + frame.h
      },
      DEFINE,
      { timeout: 3_000 },
    )
    // Only the facilitator's connection may write the step.
    expect(await pat.sessionEntries()).toMatchObject({ step: 'define' })
  })

  test("on a five-step workshop board the facilitator's client seeds the template once, and steps go to its frames", async () => {
    const board = await server.createBoardWithTokens({ template: 'five-step', name: '資料申請小幫手' })
    const fay = await join(board, 'facilitator', 'Fay')
    await fay.page.waitForFunction(
      () => window.__civicCanvas!.editor.getCurrentPageShapes().filter((shape) => shape.type === 'frame' && shape.meta.step).length === 5,
      undefined,
      { timeout: 10_000 },
    )
    const pat = await join(board, 'participant', 'Pat')
    const frames = () =>
      pat.page.evaluate(() =>
        window
          .__civicCanvas!.editor.getCurrentPageShapes()
          .filter((shape) => shape.type === 'frame' && shape.meta.step)
          .map((shape) => ({ id: shape.id, step: String(shape.meta.step), locked: shape.isLocked })),
      )
    await expect.poll(async () => (await frames()).length, { timeout: 5_000 }).toBe(5)
    expect((await frames()).every((frame) => frame.locked)).toBe(true)
    const ideate = (await frames()).find((frame) => frame.step === 'ideate')!

    const panel = await fay.sessionPanel()
    await panel.getByTestId('goto-step-ideate').click()
    await pat.page.locator('[data-testid="step-banner"][data-step="ideate"]').waitFor({ timeout: 3_000 })
    const box = await pat.shapeBounds(ideate.id)
    await expect.poll(async () => inside(await pat.viewCentre(), box), { timeout: 3_000 }).toBe(true)
    // Reloading the facilitator does not seed a second copy.
    await fay.reload()
    await fay.waitForSession()
    expect((await fay.shapeIds()).length).toBe((await pat.shapeIds()).length)
  })

  test('the timer shows the same remaining time on both screens, even with a participant clock 90 s fast', async () => {
    const board = await server.createBoardWithTokens()
    const fay = await join(board, 'facilitator', 'Fay')
    const pat = await join(board, 'participant', 'Pat', 90_000)
    await pat.page.waitForFunction(() => window.__civicCanvas?.serverClock?.measured != null, undefined, { timeout: 5_000 })

    const panel = await fay.sessionPanel()
    await panel.getByTestId('timer-minutes').fill('3')
    await panel.getByTestId('timer-start').click()
    await pat.page.getByTestId('session-timer').waitFor({ state: 'visible', timeout: 3_000 })

    for (let sample = 0; sample < 3; sample++) {
      const [onFay, onPat] = await Promise.all([fay.timerRemainingMs(), pat.timerRemainingMs()])
      expect(onFay).not.toBeNull()
      expect(onPat).not.toBeNull()
      expect(Math.abs(onFay! - onPat!)).toBeLessThanOrEqual(1_000)
      // Near three minutes: a 90 s clock error would show as 1:30 or 4:30.
      expect(onPat!).toBeGreaterThan(170_000)
      expect(onPat!).toBeLessThanOrEqual(180_000)
      await pat.page.waitForTimeout(700)
    }

    await panel.getByTestId('timer-pause').click()
    await pat.page.locator('[data-testid="session-timer"][data-state="paused"]').waitFor({ timeout: 3_000 })
    const [pausedFay, pausedPat] = await Promise.all([fay.timerRemainingMs(), pat.timerRemainingMs()])
    expect(pausedPat).toBe(pausedFay)
  })

  test('a vote with 2 dots per person tallies correctly after close', async () => {
    const board = await server.createBoardWithTokens()
    const fay = await join(board, 'facilitator', 'Fay')
    await createStepFrames(fay, [IDEATE])
    const [a, b, c] = ['shape:idea-a', 'shape:idea-b', 'shape:idea-c']
    await createNotes(fay, [
      { id: a, x: 100, y: 250, text: '線上預約' },
      { id: b, x: 450, y: 250, text: 'Chatbot' },
      { id: c, x: 800, y: 250, text: '臨櫃協助' },
    ])
    const pat = await join(board, 'participant', 'Pat')
    const sam = await join(board, 'participant', 'Sam')
    await pat.waitForShapeCount(4, 5_000)
    await sam.waitForShapeCount(4, 5_000)

    const panel = await fay.sessionPanel()
    await panel.getByTestId('goto-step-ideate').click()
    await panel.getByTestId('vote-dots').fill('2')
    await panel.getByTestId('vote-open').click()

    // Pat puts both dots on A.
    await pat.voteTarget(a).click({ timeout: 5_000 })
    await expect.poll(() => pat.myDots(a).count()).toBe(1)
    await pat.voteTarget(a).click()
    await expect.poll(() => pat.myDots(a).count()).toBe(2)
    expect(await pat.page.getByTestId('vote-status').getAttribute('data-dots-left')).toBe('0')
    expect(await pat.voteTarget(b).isDisabled()).toBe(true)

    // Sam dots A and C, takes C back, and dots B instead.
    await sam.voteTarget(a).click({ timeout: 5_000 })
    await expect.poll(() => sam.myDots(a).count()).toBe(1)
    await sam.voteTarget(c).click()
    await expect.poll(() => sam.myDots(c).count()).toBe(1)
    await sam.myDots(c).first().click()
    await expect.poll(() => sam.myDots(c).count()).toBe(0)
    await sam.voteTarget(b).click()
    await expect.poll(() => sam.myDots(b).count()).toBe(1)

    // Counts stay hidden while the vote is open.
    expect(await pat.page.locator('[data-testid="vote-count"]').count()).toBe(0)
    expect(await fay.page.locator('[data-testid="vote-count"]').count()).toBe(0)

    await panel.getByTestId('vote-close').click()
    for (const person of [fay, pat, sam]) {
      expect(await person.voteCount(a)).toBe(3)
      expect(await person.voteCount(b)).toBe(1)
      expect(await person.voteCount(c)).toBe(0)
    }
    expect((await sam.sessionEntries()).vote).toMatchObject({ state: 'closed', results: { [a]: 3, [b]: 1 } })

    // Sort by votes puts the most-dotted note first (leftmost in the top row).
    await panel.getByTestId('vote-sort').click()
    await pat.page.waitForFunction(
      ([first, second]) => {
        const editor = window.__civicCanvas!.editor
        const boundsA = editor.getShapePageBounds(first as never)
        const boundsB = editor.getShapePageBounds(second as never)
        return Boolean(boundsA && boundsB && boundsA.x < boundsB.x && boundsA.y === boundsB.y)
      },
      [a, b],
      { timeout: 3_000 },
    )
  })

  test('a participant cannot unlock or delete a locked template frame', async () => {
    const board = await server.createBoardWithTokens()
    const fay = await join(board, 'facilitator', 'Fay')
    await createStepFrames(fay, [EMPATHIZE])
    const pat = await join(board, 'participant', 'Pat')
    await pat.waitForShapeCount(1, 5_000)

    const outcome = await pat.page.evaluate((frameId) => {
      const editor = window.__civicCanvas!.editor
      const id = frameId as never
      editor.toggleLock([id])
      editor.updateShape({ id, type: 'frame', isLocked: false })
      editor.deleteShapes([id])
      editor.selectAll()
      editor.deleteShapes(editor.getSelectedShapeIds())
      const frame = editor.getShape(id)
      return { exists: Boolean(frame), locked: frame?.isLocked ?? null }
    }, EMPATHIZE.id)
    expect(outcome).toEqual({ exists: true, locked: true })
    await pat.page.getByTestId('locked-notice').waitFor({ state: 'visible', timeout: 2_000 })

    // Keyboard too: select everything and press Delete.
    await pat.page.mouse.click(640, 400)
    await pat.page.keyboard.press('Control+a')
    await pat.page.keyboard.press('Delete')
    await pat.page.waitForTimeout(500)
    expect(await pat.shapeIds()).toEqual([EMPATHIZE.id])
    expect(await fay.shapeIds()).toEqual([EMPATHIZE.id])
    expect(await fay.shape<{ isLocked: boolean }>(EMPATHIZE.id)).toMatchObject({ isLocked: true })
    // The participant's connection was never closed for touching locked structure.
    expect(await pat.connectionStatus()).toBe('connected')

    // The facilitator may still unlock it.
    await fay.page.evaluate((frameId) => {
      window.__civicCanvas!.editor.toggleLock([frameId as never])
    }, EMPATHIZE.id)
    await pat.page.waitForFunction(
      (frameId) => window.__civicCanvas!.editor.getShape(frameId as never)?.isLocked === false,
      EMPATHIZE.id,
      { timeout: 3_000 },
    )
  })

  test('"follow me" makes the participant follow the facilitator by name; "bring everyone here" moves their camera', async () => {
    const board = await server.createBoardWithTokens()
    const fay = await join(board, 'facilitator', 'Fay')
    const pat = await join(board, 'participant', 'Pat')
    const panel = await fay.sessionPanel()
    await fay.page.mouse.move(600, 400)
    await fay.page.mouse.move(620, 420, { steps: 3 })

    await panel.getByTestId('follow-me').click()
    const following = pat.page.getByTestId('following')
    await following.waitFor({ state: 'visible', timeout: 5_000 })
    expect(await following.textContent()).toContain('Fay')
    await pat.page.getByTestId('stop-following').click()
    await following.waitFor({ state: 'hidden', timeout: 3_000 })
    await panel.getByTestId('follow-me').click() // off again

    const target = { x: 9000, y: -4000 }
    await fay.page.evaluate((point) => {
      window.__civicCanvas!.editor.centerOnPoint(point)
    }, target)
    await panel.getByTestId('summon').click()
    await expect
      .poll(async () => {
        const centre = await pat.viewCentre()
        return Math.hypot(centre.x - target.x, centre.y - target.y)
      }, { timeout: 3_000 })
      .toBeLessThan(5)
  })

  test('a viewer sees the board read-only, with a viewer badge and only the viewer link to share', async () => {
    const board = await server.createBoardWithTokens()
    const fay = await join(board, 'facilitator', 'Fay')
    await createStepFrames(fay, [EMPATHIZE])
    const val = await join(board, 'viewer', 'Val')
    await val.waitForShapeCount(1, 5_000)
    expect(await val.page.evaluate(() => window.__civicCanvas!.editor.getIsReadonly())).toBe(true)
    await val.page.getByTestId('share-button').click()
    await val.page.getByTestId('share-dialog').waitFor({ state: 'visible' })
    expect(await val.page.locator('[data-testid^="share-link-"]').count()).toBe(1)
    expect(await val.page.getByTestId('share-url-viewer').inputValue()).toContain(`#t=`)
  })
})
