import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core'

/** The flags the browser tests use: headless, no GPU, no network beyond localhost. */
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

/** Launches the machine's Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** What the page-side probe records, in ms since navigation start (performance.now()). */
export interface OpenTimes {
  /** First animation frame with a shape element in the DOM (something of the board is drawn). */
  firstShapeAt: number | null
  /** First frame where the editor's page holds every shape. */
  storeCompleteAt: number | null
  /** The frame after that in which shapes are in the DOM: the whole board's first frame drawn. */
  fullFrameAt: number | null
  /** Our app only: when the board page opened the board's IndexedDB local copy (its chunk has loaded and rendered). */
  localCopyOpenedAt: number | null
  done: boolean
}

declare global {
  interface Window {
    __openBench?: OpenTimes
  }
}

/** Installs the frame probe in every document of the context; `target` is the shape count that means "all". */
export async function installOpenProbe(context: BrowserContext, target: number): Promise<void> {
  // A plain string: functions compiled by tsx carry helpers (__name) that do not exist in the page.
  await context.addInitScript(`(() => {
    const want = ${JSON.stringify(target)}
    const times = { firstShapeAt: null, storeCompleteAt: null, fullFrameAt: null, localCopyOpenedAt: null, done: false }
    window.__openBench = times
    if (typeof indexedDB !== 'undefined' && location.pathname.startsWith('/b/')) {
      const open = indexedDB.open.bind(indexedDB)
      indexedDB.open = (name, version) => {
        if (times.localCopyOpenedAt === null && String(name).startsWith('civic-canvas:')) times.localCopyOpenedAt = performance.now()
        return version === undefined ? open(name) : open(name, version)
      }
    }
    const tick = () => {
      const now = performance.now()
      const drawn = document.querySelector('.tl-shape') !== null
      if (times.firstShapeAt === null && drawn) times.firstShapeAt = now
      if (times.storeCompleteAt === null) {
        const editor = window.__civicCanvas && window.__civicCanvas.editor
        if (editor && editor.getCurrentPageShapeIds().size >= want) times.storeCompleteAt = now
      } else if (drawn) {
        times.fullFrameAt = now
        times.done = true
        return
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
}

/** Bytes a page received over HTTP (encoded, as on the wire) and websocket frames, counted through CDP. */
export class TrafficCounter {
  http = 0
  websocket = 0
  private constructor(private readonly session: CDPSession) {
    session.on('Network.loadingFinished', (event) => (this.http += event.encodedDataLength))
    session.on('Network.webSocketFrameReceived', (event) => (this.websocket += frameBytes(event.response)))
  }

  static async attach(page: Page): Promise<TrafficCounter> {
    const session = await page.context().newCDPSession(page)
    await session.send('Network.enable')
    return new TrafficCounter(session)
  }

  reset(): void {
    this.http = 0
    this.websocket = 0
  }
}

function frameBytes(frame: { opcode: number; payloadData: string }): number {
  if (frame.opcode !== 2) return frame.payloadData.length
  const padding = frame.payloadData.endsWith('==') ? 2 : frame.payloadData.endsWith('=') ? 1 : 0
  return (frame.payloadData.length * 3) / 4 - padding
}

/** Waits for the probe to see the whole board drawn; throws with what was seen on timeout. */
export async function waitForBoard(page: Page, timeoutMs: number): Promise<OpenTimes> {
  try {
    await page.waitForFunction(() => window.__openBench?.done === true, undefined, { timeout: timeoutMs, polling: 100 })
  } catch (error) {
    // Function bodies without inner declarations: tsx's helpers do not exist in the page.
    const seen = await page.evaluate(() => ({
      times: window.__openBench,
      shapes: window.__civicCanvas?.editor?.getCurrentPageShapeIds().size,
      text: document.body.innerText.slice(0, 300),
    }))
    throw new Error(`The board was not fully drawn within ${timeoutMs} ms: ${JSON.stringify(seen)} (${(error as Error).message.split('\n')[0]})`)
  }
  return (await page.evaluate(() => window.__openBench))!
}
