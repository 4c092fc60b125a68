import type { Page } from 'playwright-core'

/** Page object for the board route: the tests speak in user actions and read state through window.__civicCanvas. */
export class BoardPage {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  /** Opens a board, answers the name prompt if shown, and waits until the editor is mounted. */
  async open(baseUrl: string, boardId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/b/${boardId}`)
    await this.answerNamePrompt()
    await this.waitForEditor()
  }

  async answerNamePrompt(): Promise<void> {
    const input = this.page.getByTestId('name-input')
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 })
    } catch {
      return
    }
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
}
