/*
 * Civic Canvas service worker: lets a board page load while its server is down.
 *
 * The board's content lives in IndexedDB (y-indexeddb); this worker only keeps the app
 * itself. It precaches nothing at install (a half-finished precache would pin a broken
 * build) and caches at runtime:
 *  - navigations: network first (3 s), else the last index.html seen (the SPA shell
 *    serves every /b/<id>); also when a proxy answers 502/503/504 for a stopped server;
 *  - /assets/* (Vite's content-hashed scripts, styles, fonts, translations): cache first;
 *  - /api/assets/<board>/<sha256>.<ext> (uploaded images, named by their content): cache first;
 *  - /favicon.svg: network first.
 * Never: /api/* (other than those images), /ws/*, /healthz, /readyz, /metrics, anything
 * but GET, other origins. Those go to the network untouched, so they fail as they would
 * without a worker and the app's own offline handling applies.
 *
 * The page posts { type: 'warm', urls } with the /assets/ files it loaded before this
 * worker controlled it (the first visit), so the first offline reload works too.
 * Bump VERSION when this file's caching changes: activate deletes every other cache.
 */
const VERSION = 'v1'
const CACHE = `civic-canvas-app-${VERSION}`
const SHELL = '/index.html'
const NAVIGATION_TIMEOUT_MS = 3000
const SERVER_DOWN = new Set([502, 503, 504])
const CONTENT_ADDRESSED_IMAGE = /^\/api\/assets\/[A-Za-z0-9_-]{16,64}\/[0-9a-f]{64}\.(png|jpg|webp|svg)$/
const NEVER = /^\/(api|ws)(\/|$)|^\/(healthz|readyz|metrics|sw\.js)$/

self.addEventListener('install', () => {
  // A new worker takes over at once: it only caches, it holds no state a page depends on.
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys()
      await Promise.all(names.filter((name) => name.startsWith('civic-canvas-app-') && name !== CACHE).map((name) => caches.delete(name)))
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request)
  if (strategy === 'navigation') event.respondWith(navigation(event))
  else if (strategy === 'cache-first') event.respondWith(cacheFirst(event.request))
  else if (strategy === 'network-first') event.respondWith(networkFirst(event.request))
})

self.addEventListener('message', (event) => {
  const data = event.data
  if (!data || data.type !== 'warm' || !Array.isArray(data.urls)) return
  const done = warm(data.urls.filter((url) => typeof url === 'string'))
  event.waitUntil(
    done.then((cached) => {
      const port = event.ports && event.ports[0]
      if (port) port.postMessage({ type: 'warmed', cached })
    }),
  )
})

/** How a request is handled: 'navigation', 'cache-first', 'network-first', or null (not touched). */
function strategyFor(request) {
  if (request.method !== 'GET') return null
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return null
  if (NEVER.test(url.pathname)) {
    return CONTENT_ADDRESSED_IMAGE.test(url.pathname) && !request.headers.has('range') ? 'cache-first' : null
  }
  if (request.mode === 'navigate') return 'navigation'
  if (request.headers.has('range')) return null
  if (url.pathname.startsWith('/assets/')) return 'cache-first'
  if (url.pathname === '/favicon.svg') return 'network-first'
  return null
}

/** Whether a response may stand in for its request later: complete, same-origin, successful. */
function storable(response) {
  return response.status === 200 && response.type === 'basic'
}

async function navigation(event) {
  const cache = await caches.open(CACHE)
  const network = fetch(event.request).then(async (response) => {
    const isShell = (response.headers.get('content-type') || '').startsWith('text/html')
    if (storable(response) && isShell) await cache.put(SHELL, response.clone())
    return response
  })
  // Whatever happens to the page, a shell that arrives late still refreshes the cache.
  event.waitUntil(network.catch(() => undefined))
  const shell = await cache.match(SHELL)
  if (!shell) return network
  try {
    const response = await withTimeout(network, NAVIGATION_TIMEOUT_MS)
    return SERVER_DOWN.has(response.status) ? shell : response
  } catch {
    return shell
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request.url)
  if (cached) return cached
  const response = await fetch(request)
  if (storable(response)) await cache.put(request.url, response.clone())
  return response
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (storable(response)) await cache.put(request.url, response.clone())
    return response
  } catch (error) {
    const cached = await cache.match(request.url)
    if (cached) return cached
    throw error
  }
}

/** Caches the shell and the given same-origin cache-first files not cached yet; answers how many it added. */
async function warm(urls) {
  const cache = await caches.open(CACHE)
  const wanted = [SHELL]
  for (const raw of urls) {
    let url
    try {
      url = new URL(raw, self.location.origin)
    } catch {
      continue
    }
    if (url.origin !== self.location.origin) continue
    if (strategyFor(new Request(url.href)) === 'cache-first') wanted.push(url.pathname)
  }
  let added = 0
  await Promise.all(
    [...new Set(wanted)].map(async (path) => {
      if (await cache.match(path)) return
      try {
        const response = await fetch(path)
        if (path === SHELL && !(response.headers.get('content-type') || '').startsWith('text/html')) return
        if (storable(response)) {
          await cache.put(path, response)
          added++
        }
      } catch {
        // Offline while warming: the next visit warms again.
      }
    }),
  )
  return added
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
