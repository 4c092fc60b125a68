import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll } from 'vitest'
import { startServer, type RunningServer } from '../../server/app'
import { createJsonLogger, silentLogger } from '../../server/log'

/** Chromium flags that work on this workplace's closed network and without a GPU. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const STATIC_DIR = join(process.cwd(), 'dist', 'client')

/** The roles a board link can carry. */
export type TestRole = 'facilitator' | 'participant' | 'viewer'

/** A board created for a test: its id and its links' tokens by role. */
export interface CreatedTestBoard {
  id: string
  tokens: Partial<Record<TestRole, string>>
}

/** Tokens of the boards created in this test process, by board id (BoardPage.open defaults to the facilitator's). */
export const boardTokens = new Map<string, Partial<Record<TestRole, string>>>()

/** A real server on a fresh data directory, serving the built client; torn down after the file. */
export class AppServer {
  private running: RunningServer | null = null
  readonly dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-browser-'))
  port = 0

  static async start(): Promise<AppServer> {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) {
      throw new Error('dist/client is missing: run `npm run build` before the browser tests (npm test does).')
    }
    const server = new AppServer()
    await server.restart()
    afterAll(async () => {
      await server.stop()
      rmSync(server.dataDir, { recursive: true, force: true })
    })
    return server
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Starts (again) on the same port and data directory. */
  async restart(): Promise<void> {
    this.running = await startServer({
      port: this.port,
      host: '127.0.0.1',
      dataDir: this.dataDir,
      staticDir: STATIC_DIR,
      unloadDelayMs: 500,
      // Server logs only when asked for (DEBUG_SERVER=1): they drown the test report otherwise.
      log: process.env.DEBUG_SERVER ? createJsonLogger() : silentLogger,
    })
    this.port = this.running.port
  }

  async stop(): Promise<void> {
    await this.running?.close()
    this.running = null
  }

  /** Creates a board and answers its id; its links' tokens are kept in `boardTokens` (BoardPage.open uses the facilitator's). */
  async createBoard(options: { name?: string; template?: string } = {}): Promise<string> {
    return (await this.createBoardWithTokens(options)).id
  }

  /** Creates a board and answers its id and the three role tokens of its links. */
  async createBoardWithTokens(options: { name?: string; template?: string } = {}): Promise<CreatedTestBoard> {
    const res = await fetch(`${this.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(options),
    })
    if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}`)
    const body = (await res.json()) as { id: string; tokens?: Partial<Record<TestRole, string>> }
    const tokens = body.tokens ?? {}
    boardTokens.set(body.id, tokens)
    return { id: body.id, tokens }
  }
}

/** One Chromium for the test file; each person gets their own context (own storage). */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  afterAll(async () => {
    await browser.close()
  })
  return browser
}

/** A person in their own browser context (own localStorage and IndexedDB). */
export async function openPerson(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error.message))
  return { context, page }
}
