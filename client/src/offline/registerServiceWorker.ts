/** Where the worker script is served (the site root, so its scope is the whole app). */
export const SERVICE_WORKER_URL = '/sw.js'

/** The message the page sends the worker: files to keep for offline reloads. */
export interface WarmMessage {
  type: 'warm'
  urls: string[]
}

/** What registration needs from the browser; tests pass doubles. */
export interface ServiceWorkerHost {
  /** `navigator.serviceWorker`: absent outside secure contexts (plain http on a LAN address) and in happy-dom. */
  container: Pick<ServiceWorkerContainer, 'register' | 'ready'> | undefined
  /** Same-origin resources the page has loaded so far and loads from now on. */
  observeResources: (onUrls: (urls: string[]) => void) => void
  origin: string
}

/** Files worth keeping: the page's own hashed build files and uploaded images, nothing else. */
export function offlineWorthy(url: string, origin: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url, origin)
  } catch {
    return false
  }
  return parsed.origin === origin && (parsed.pathname.startsWith('/assets/') || parsed.pathname.startsWith('/api/assets/'))
}

/**
 * Registers the app's service worker so a board page loads while the server is down, and
 * tells the worker which files this page loaded before it took control (on the first visit
 * the entry script, styles and the board's lazy chunk are fetched before the worker exists).
 * Answers null, doing nothing, where the browser has no service workers. Never throws:
 * the app works without the worker, only not offline.
 */
export async function registerServiceWorker(host: ServiceWorkerHost): Promise<ServiceWorkerRegistration | null> {
  const { container } = host
  if (!container) return null
  let registration: ServiceWorkerRegistration
  try {
    registration = await container.register(SERVICE_WORKER_URL, { scope: '/' })
  } catch (error) {
    console.warn('[civic-canvas] the offline copy of the app could not be set up; reloading without the server will not work', error)
    return null
  }
  const ready = await container.ready
  const pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    const urls = [...pending]
    pending.clear()
    const message: WarmMessage = { type: 'warm', urls }
    ready.active?.postMessage(message)
  }
  host.observeResources((urls) => {
    for (const url of urls) if (offlineWorthy(url, host.origin)) pending.add(url)
    // Batched: opening a board loads dozens of fonts and translations at once.
    if (pending.size > 0 && timer === null) timer = setTimeout(flush, 300)
  })
  // The shell is warmed with every message, so send one even if nothing was observed.
  if (timer === null) flush()
  return registration
}

/** The browser's host: `navigator.serviceWorker` and resource timing entries (buffered ones included). */
export function browserServiceWorkerHost(): ServiceWorkerHost {
  return {
    container: typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    origin: location.origin,
    observeResources: (onUrls) => {
      if (typeof PerformanceObserver === 'undefined') {
        onUrls(performance.getEntriesByType('resource').map((entry) => entry.name))
        return
      }
      const observer = new PerformanceObserver((list) => onUrls(list.getEntries().map((entry) => entry.name)))
      observer.observe({ type: 'resource', buffered: true })
    },
  }
}
