import type { Locator, Page } from 'playwright-core'
import { boardTokens } from './fixtures'

/** A point on the screen, in CSS pixels. */
export interface ScreenPoint {
  x: number
  y: number
}

/** Page object for the board route: the tests speak in user actions and read state through window.__civicCanvas. */
export class BoardPage {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  /**
   * Opens a board with a link token (default: the facilitator's of a board made by AppServer),
   * answers the name prompt if shown, and waits until the editor is mounted.
   */
  async open(baseUrl: string, boardId: string, token: string | undefined = boardTokens.get(boardId)?.facilitator): Promise<void> {
    await this.page.goto(`${baseUrl}/b/${boardId}${token ? `#t=${encodeURIComponent(token)}` : ''}`)
    await this.answerNamePrompt()
    await this.waitForEditor()
  }

  async answerNamePrompt(): Promise<void> {
    // Whichever the board page shows first: the prompt (no name yet) or the editor (a name
    // already). A fixed wait for the prompt alone gave up before a slow machine showed it.
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid="name-input"]') !== null || Boolean(window.__civicCanvas?.editor),
      undefined,
      { timeout: 30_000 },
    )
    const input = this.page.getByTestId('name-input')
    if ((await input.count()) === 0) return
    await input.fill(this.name)
    await this.page.getByTestId('name-submit').click()
  }

  async waitForEditor(): Promise<void> {
    await this.page.waitForFunction(() => Boolean(window.__civicCanvas?.editor), undefined, { timeout: 30_000 })
  }

  async reload(): Promise<void> {
    await this.page.reload()
    await this.answerNamePrompt()
    await this.waitForEditor()
  }

  /** Draws a rectangle by dragging with the rectangle tool, as a person would. */
  async drawRectangle(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.page.mouse.move(from.x - 50, from.y - 50)
    await this.page.keyboard.press('r')
    await this.page.mouse.move(from.x, from.y)
    await this.page.mouse.down()
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
    await this.page.mouse.move(to.x, to.y, { steps: 5 })
    await this.page.mouse.up()
    await this.page.keyboard.press('Escape')
  }

  /** Ids of the shapes on the current page, sorted. */
  async shapeIds(): Promise<string[]> {
    return this.page.evaluate(() =>
      window
        .__civicCanvas!.editor.getCurrentPageShapes()
        .map((shape) => shape.id)
        .sort(),
    )
  }

  async waitForShapeCount(count: number, timeout = 2_000): Promise<void> {
    await this.page.waitForFunction(
      (n) => window.__civicCanvas?.editor.getCurrentPageShapes().length === n,
      count,
      { timeout },
    )
  }

  async connectionStatus(): Promise<string | null> {
    return this.page.getByTestId('connection-status').getAttribute('data-status')
  }

  async waitForConnectionStatus(status: string, timeout = 15_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid="connection-status"][data-status="${status}"]`, { timeout })
  }

  // ---- design-thinking shapes (issue 3) ----

  /** Picks a tool in the toolbar, clicks the canvas at `at`, and returns the id of the one new shape. */
  async createFromToolbar(tool: string, at: ScreenPoint): Promise<string> {
    const before = new Set(await this.shapeIds())
    await this.page.getByTestId(`tools.${tool}`).click()
    await this.page.mouse.click(at.x, at.y)
    await this.page.waitForFunction(
      (n) => window.__civicCanvas!.editor.getCurrentPageShapes().length > n,
      before.size,
      { timeout: 5_000 },
    )
    const added = (await this.shapeIds()).filter((id) => !before.has(id))
    if (added.length !== 1) throw new Error(`expected one new shape from the ${tool} tool, got ${added.length}`)
    return added[0]!
  }

  /** The type of each shape by id. */
  async shapeTypes(): Promise<Record<string, string>> {
    return this.page.evaluate(() =>
      Object.fromEntries(window.__civicCanvas!.editor.getCurrentPageShapes().map((shape) => [shape.id, shape.type])),
    )
  }

  /** A shape's record as the editor holds it (props included). */
  async shape<T = unknown>(id: string): Promise<T> {
    return this.page.evaluate((shapeId) => {
      const editor = window.__civicCanvas!.editor
      const shape = editor.getShape(shapeId as never)
      if (!shape) throw new Error(`no shape ${shapeId}`)
      return JSON.parse(JSON.stringify(shape))
    }, id) as Promise<T>
  }

  /** Moves the camera so a page rectangle fills the view (no animation). */
  async zoomToPageBounds(bounds: { x: number; y: number; w: number; h: number }): Promise<void> {
    await this.page.evaluate((b) => {
      const editor = window.__civicCanvas!.editor
      editor.zoomToBounds({ x: b.x, y: b.y, w: b.w, h: b.h } as Parameters<typeof editor.zoomToBounds>[0], {
        immediate: true,
        inset: 40,
      })
    }, bounds)
  }

  /** Where a page point is on the screen right now. */
  async pageToScreen(point: { x: number; y: number }): Promise<ScreenPoint> {
    return this.page.evaluate((p) => {
      const { x, y } = window.__civicCanvas!.editor.pageToScreen(p)
      return { x, y }
    }, point)
  }

  /** The screen point at the centre of a shape. */
  async shapeCentre(id: string): Promise<ScreenPoint> {
    const centre = await this.page.evaluate((shapeId) => {
      const editor = window.__civicCanvas!.editor
      const bounds = editor.getShapePageBounds(shapeId as never)
      if (!bounds) throw new Error(`no shape ${shapeId}`)
      return { x: bounds.center.x, y: bounds.center.y }
    }, id)
    return this.pageToScreen(centre)
  }

  /** Double-clicks a shape so its fields become editable. */
  async startEditing(id: string, at?: ScreenPoint): Promise<void> {
    const point = at ?? (await this.shapeCentre(id))
    await this.page.mouse.dblclick(point.x, point.y)
    await this.page.waitForFunction((shapeId) => window.__civicCanvas!.editor.getEditingShapeId() === shapeId, id, {
      timeout: 5_000,
    })
  }

  /** Selects a shape and opens the canvas context menu on it. */
  async openContextMenuOn(id: string): Promise<void> {
    const point = await this.shapeCentre(id)
    await this.page.mouse.click(point.x, point.y)
    await this.page.mouse.click(point.x, point.y, { button: 'right' })
  }

  /** The "Link stakeholder" submenu item that links the selected step to `stakeholderId`. */
  linkStakeholderItem(stakeholderId: string): Locator {
    return this.page.getByTestId(`context-menu.link-stakeholder-${stakeholderId}`)
  }

  /** Opens the BRiCS panel from the top bar (if closed) and returns it. */
  async openBricsPanel(): Promise<Locator> {
    const toggle = this.page.getByTestId('brics-toggle')
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
    const panel = this.page.getByTestId('brics-panel')
    await panel.waitFor({ state: 'visible', timeout: 5_000 })
    return panel
  }

  /** Closes every side panel the top bar has open (BRiCS, facilitator…), leaving the canvas the whole width. */
  async closeSidePanels(): Promise<void> {
    const open = this.page.locator('header [aria-controls][aria-pressed="true"]')
    while ((await open.count()) > 0) await open.first().click()
  }

  /** The BRiCS matrix row of a stakeholder card. */
  bricsRow(stakeholderId: string): Locator {
    return this.page.locator(`[data-testid="brics-matrix"] tr[data-stakeholder-id="${stakeholderId}"]`)
  }

  // --- Facilitated sessions (issue 4) ---

  /** The role shown in the top bar ('facilitator' | 'participant' | 'viewer'), once known. */
  async role(): Promise<string | null> {
    const badge = this.page.getByTestId('role-badge')
    await badge.waitFor({ state: 'visible', timeout: 10_000 })
    return badge.getAttribute('data-role')
  }

  /** Waits until the session doc has synced with the server (its provider reports `synced`). */
  async waitForSession(): Promise<void> {
    await this.page.waitForFunction(() => Boolean(window.__civicCanvas?.sessionDoc), undefined, { timeout: 15_000 })
  }

  /** The session map's entries (step, timer, vote, ...), as JSON. */
  async sessionEntries(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() => window.__civicCanvas!.sessionDoc!.getMap('session').toJSON() as Record<string, unknown>)
  }

  /** The centre of what this person sees, in page coordinates. */
  async viewCentre(): Promise<{ x: number; y: number }> {
    return this.page.evaluate(() => {
      const centre = window.__civicCanvas!.editor.getViewportPageBounds().center
      return { x: centre.x, y: centre.y }
    })
  }

  /** Page bounds of a shape. */
  async shapeBounds(id: string): Promise<{ x: number; y: number; w: number; h: number }> {
    return this.page.evaluate((shapeId) => {
      const bounds = window.__civicCanvas!.editor.getShapePageBounds(shapeId as never)
      if (!bounds) throw new Error(`no shape ${shapeId}`)
      return { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }
    }, id)
  }

  /** The facilitator panel (opens it if it is closed). */
  async sessionPanel(): Promise<Locator> {
    const panel = this.page.getByTestId('session-panel')
    if (!(await panel.isVisible())) await this.page.getByTestId('session-panel-toggle').click()
    await panel.waitFor({ state: 'visible', timeout: 10_000 })
    return panel
  }

  /** The countdown's milliseconds left as this page shows it, or null while no timer shows. */
  async timerRemainingMs(): Promise<number | null> {
    const value = await this.page.getByTestId('session-timer').getAttribute('data-remaining-ms', { timeout: 1_000 }).catch(() => null)
    return value === null ? null : Number(value)
  }

  /** The vote click target over a note. */
  voteTarget(noteId: string): Locator {
    return this.page.locator(`[data-testid="vote-target"][data-note-id="${noteId}"]`)
  }

  /** This person's dots on a note. */
  myDots(noteId: string): Locator {
    return this.page.locator(`[data-testid="my-dot"][data-note-id="${noteId}"]`)
  }

  /** The count a closed vote shows on a note. */
  async voteCount(noteId: string): Promise<number> {
    const badge = this.page.locator(`[data-testid="vote-count"][data-note-id="${noteId}"]`)
    await badge.waitFor({ state: 'visible', timeout: 10_000 })
    return Number(await badge.getAttribute('data-count'))
  }
  // --- Offline (service worker, local copy) ---

  /** Places a sticky note with the note tool (participants have it; not the rectangle), as a person would. */
  async placeNote(at: ScreenPoint): Promise<void> {
    await this.page.mouse.move(at.x - 40, at.y - 40)
    await this.page.keyboard.press('n')
    await this.page.mouse.click(at.x, at.y)
    await this.page.keyboard.press('Escape')
    await this.page.keyboard.press('Escape')
  }

  /**
   * Waits until the service worker controls this page and its cache holds the app shell and
   * every /assets/ file the page has loaded, so a reload works without the server.
   */
  async waitForOfflineCopy(timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout
    for (;;) {
      const missing = await this.page.evaluate(async () => {
        if (!navigator.serviceWorker?.controller) return ['(no service worker controls the page)']
        const urls = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => {
            const url = new URL(name)
            return url.origin === location.origin && url.pathname.startsWith('/assets/')
          })
        const absent: string[] = []
        for (const url of ['/index.html', ...urls]) if (!(await caches.match(url))) absent.push(url)
        return absent
      })
      if (missing.length === 0) return
      if (Date.now() > deadline) throw new Error(`the offline copy of the app lacks ${missing.slice(0, 5).join(', ')}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  /** The unsent-change count the connection badge shows. */
  async unsentChanges(): Promise<number> {
    return Number(await this.page.getByTestId('connection-status').getAttribute('data-unsent'))
  }

  /** Waits until the board's local copy (y-indexeddb, database `civic-canvas:<id>`) holds at least `atLeast` updates; answers the count. */
  async waitForLocalCopy(boardId: string, atLeast: number, timeout = 10_000): Promise<number> {
    const deadline = Date.now() + timeout
    for (;;) {
      const count = await this.page.evaluate(
        (name) =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open(name)
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const db = open.result
              const request = db.transaction('updates', 'readonly').objectStore('updates').count()
              request.onsuccess = () => {
                resolve(request.result)
                db.close()
              }
              request.onerror = () => reject(request.error)
            }
          }),
        `civic-canvas:${boardId}`,
      )
      if (count >= atLeast) return count
      if (Date.now() > deadline) throw new Error(`the local copy holds ${count} updates, expected at least ${atLeast}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
