/**
 * The service worker (client/public/sw.js, plain JavaScript served as is) run against an
 * in-memory CacheStorage and a scripted network: what it caches, what it never touches,
 * what it answers when the server is down.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

const ORIGIN = 'https://canvas.example'
const SOURCE = readFileSync(join(process.cwd(), 'client/public/sw.js'), 'utf8')
const BOARD = 'AbCdEfGhIjKlMnOpQrStUv'
const IMAGE = `/api/assets/${BOARD}/${'a'.repeat(64)}.png`

/** A CacheStorage in memory, keyed by absolute URL as the real one is. */
class MemoryCaches {
  readonly stores = new Map<string, Map<string, Response>>()
  async open(name: string) {
    let store = this.stores.get(name)
    if (!store) this.stores.set(name, (store = new Map()))
    const key = (request: string | { url: string }) => new URL(typeof request === 'string' ? request : request.url, ORIGIN).href
    return {
      match: async (request: string | { url: string }) => store.get(key(request))?.clone(),
      put: async (request: string | { url: string }, response: Response) => {
        await response.clone().arrayBuffer() // the real put reads the whole body
        store.set(key(request), response)
      },
    }
  }
  async keys() {
    return [...this.stores.keys()]
  }
  async delete(name: string) {
    return this.stores.delete(name)
  }
  cachedUrls(): string[] {
    return [...this.stores.values()].flatMap((store) => [...store.keys()].map((url) => new URL(url).pathname)).sort()
  }
}

/** What fetch answers: a response, a network failure, or never. */
type Answer = Response | 'down' | 'hang'

/** A same-origin network response as the browser gives it to a worker ('basic'). */
function basic(body: string, init: { status?: number; type?: string } = {}): Response {
  const response = new Response(body, { status: init.status ?? 200, headers: { 'content-type': init.type ?? 'text/javascript' } })
  Object.defineProperty(response, 'type', { value: 'basic' })
  return response
}
const html = (body: string, status = 200) => basic(body, { status, type: 'text/html; charset=utf-8' })

interface FakeRequest {
  url: string
  method: string
  mode: string
  headers: Headers
}

function request(path: string, options: { method?: string; mode?: string; headers?: Record<string, string> } = {}): FakeRequest {
  return { url: new URL(path, ORIGIN).href, method: options.method ?? 'GET', mode: options.mode ?? 'cors', headers: new Headers(options.headers) }
}

/** Loads sw.js into a fake worker global and drives its events. */
function startWorker(network: (path: string) => Answer) {
  const listeners = new Map<string, (event: unknown) => void>()
  const caches = new MemoryCaches()
  const fetched: string[] = []
  const claim = vi.fn(async () => {})
  const fetchFn = async (input: string | { url: string }) => {
    const url = new URL(typeof input === 'string' ? input : input.url, ORIGIN)
    fetched.push(url.pathname)
    const answer = network(url.pathname)
    if (answer === 'down') throw new TypeError('Failed to fetch')
    if (answer === 'hang') return new Promise<Response>(() => {})
    return answer
  }
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    clients: { claim },
    skipWaiting: vi.fn(),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
  }
  new Function('self', 'caches', 'fetch', SOURCE)(self, caches, fetchFn)

  const waits: Promise<unknown>[] = []
  return {
    caches,
    fetched,
    claim,
    /** The worker's answer, or null when it lets the browser handle the request. */
    fetch(req: FakeRequest): Promise<Response> | null {
      let answer: Promise<Response> | null = null
      listeners.get('fetch')!({ request: req, respondWith: (p: Promise<Response>) => (answer = p), waitUntil: (p: Promise<unknown>) => waits.push(p) })
      return answer
    },
    async activate() {
      let done: Promise<unknown> = Promise.resolve()
      listeners.get('activate')!({ waitUntil: (p: Promise<unknown>) => (done = p) })
      await done
    },
    async message(data: unknown) {
      const replies: unknown[] = []
      let done: Promise<unknown> = Promise.resolve()
      listeners.get('message')!({ data, ports: [{ postMessage: (reply: unknown) => replies.push(reply) }], waitUntil: (p: Promise<unknown>) => (done = p) })
      await done
      return replies
    },
    settled: () => Promise.all(waits),
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('service worker: navigations', () => {
  it('answers from the network while the server is up and keeps the page as the shell', async () => {
    const worker = startWorker(() => html('<html>v1</html>'))
    const answer = await worker.fetch(request(`/b/${BOARD}`, { mode: 'navigate' }))
    expect(await answer!.text()).toBe('<html>v1</html>')
    expect(worker.caches.cachedUrls()).toEqual(['/index.html'])
  })

  it('answers the cached shell for any board when the server cannot be reached or a proxy says it is down', async () => {
    let server: Answer = html('<html>shell</html>')
    const worker = startWorker(() => server)
    await worker.fetch(request('/', { mode: 'navigate' }))
    server = 'down'
    expect(await (await worker.fetch(request(`/b/${BOARD}`, { mode: 'navigate' })))!.text()).toBe('<html>shell</html>')
    server = html('Bad Gateway', 502)
    expect(await (await worker.fetch(request(`/b/${BOARD}`, { mode: 'navigate' })))!.text()).toBe('<html>shell</html>')
    // A page that is not the shell (an error page, another type) never replaces it.
    server = basic('{"error":"x"}', { type: 'application/json' })
    await worker.fetch(request('/other', { mode: 'navigate' }))
    server = 'down'
    expect(await (await worker.fetch(request('/', { mode: 'navigate' })))!.text()).toBe('<html>shell</html>')
  })

  it('gives a hanging server 3 seconds, then answers the shell', async () => {
    let server: Answer = html('<html>shell</html>')
    const worker = startWorker(() => server)
    await worker.fetch(request('/', { mode: 'navigate' }))
    vi.useFakeTimers()
    server = 'hang'
    let answered: Response | null = null
    void worker.fetch(request(`/b/${BOARD}`, { mode: 'navigate' }))!.then((r) => (answered = r))
    await vi.advanceTimersByTimeAsync(2_900)
    expect(answered).toBeNull()
    await vi.advanceTimersByTimeAsync(200)
    expect(await answered!.text()).toBe('<html>shell</html>')
  })

  it('fails like the network when nothing is cached yet', async () => {
    const worker = startWorker(() => 'down')
    await expect(worker.fetch(request(`/b/${BOARD}`, { mode: 'navigate' }))!).rejects.toThrow('Failed to fetch')
  })
})

describe('service worker: files', () => {
  it('serves hashed build files and content-addressed images from the cache once fetched', async () => {
    let up = true
    const worker = startWorker(() => (up ? basic('chunk') : 'down'))
    for (const path of ['/assets/BoardPage-abc123.js', IMAGE]) {
      expect(await (await worker.fetch(request(path)))!.text()).toBe('chunk')
    }
    up = false
    for (const path of ['/assets/BoardPage-abc123.js', IMAGE]) {
      expect(await (await worker.fetch(request(path)))!.text()).toBe('chunk')
    }
    expect(worker.fetched).toEqual(['/assets/BoardPage-abc123.js', IMAGE])
  })

  it('does not keep failed answers', async () => {
    const worker = startWorker(() => basic('Not found', { status: 404 }))
    expect((await worker.fetch(request('/assets/gone-123.js')))!.status).toBe(404)
    expect(worker.caches.cachedUrls()).toEqual([])
  })

  it('never touches the API, websockets, health and metrics, writes, ranges or other origins', () => {
    const worker = startWorker(() => basic('x'))
    const untouched = [
      request(`/api/boards/${BOARD}`),
      request('/api/time'),
      request(`/api/assets/${BOARD}/not-a-hash.png`),
      request(`/api/boards/${BOARD}/assets`, { method: 'POST' }),
      request(`/ws/${BOARD}`),
      request('/healthz'),
      request('/readyz'),
      request('/metrics'),
      request('/metrics', { mode: 'navigate' }),
      request('/api/boards', { mode: 'navigate' }),
      request('/sw.js'),
      request('/assets/a-1.js', { method: 'POST' }),
      request('/assets/movie-1.mp4', { headers: { range: 'bytes=0-10' } }),
      request('https://cdn.example/assets/a-1.js'),
    ]
    for (const req of untouched) expect(worker.fetch(req), req.url).toBeNull()
  })
})

describe('service worker: lifecycle', () => {
  it('deletes the caches of older versions on activate, keeps others, and takes control of open pages', async () => {
    const worker = startWorker(() => basic('x'))
    await worker.fetch(request('/assets/a-1.js'))
    await worker.caches.open('civic-canvas-app-v0')
    await worker.caches.open('someone-else')
    await worker.activate()
    const names = await worker.caches.keys()
    expect(names).toContain('someone-else')
    expect(names.filter((name) => name.startsWith('civic-canvas-app-'))).toHaveLength(1)
    expect(names).not.toContain('civic-canvas-app-v0')
    expect(worker.claim).toHaveBeenCalledOnce()
  })

  it('warms the cache with the shell and the files the page loaded before the worker controlled it', async () => {
    const worker = startWorker((path) => (path === '/index.html' ? html('<html>shell</html>') : basic('file')))
    const replies = await worker.message({
      type: 'warm',
      urls: [`${ORIGIN}/assets/index-1.js`, `${ORIGIN}/assets/BoardPage-2.js`, `${ORIGIN}/api/boards/${BOARD}`, 'https://cdn.example/assets/x-1.js', 42],
    })
    expect(worker.caches.cachedUrls()).toEqual(['/assets/BoardPage-2.js', '/assets/index-1.js', '/index.html'])
    expect(replies).toEqual([{ type: 'warmed', cached: 3 }])
    // Already cached files are not fetched again.
    expect(await worker.message({ type: 'warm', urls: [`${ORIGIN}/assets/index-1.js`] })).toEqual([{ type: 'warmed', cached: 0 }])
    expect(worker.fetched.filter((path) => path === '/assets/index-1.js')).toHaveLength(1)
  })
})
