/**
 * Registering the service worker and telling it what the page loaded; and the unsent-change
 * count that must survive a reload made while the server is down.
 */
import { describe, expect, it, vi } from 'vitest'
import { ObservableV2 } from 'lib0/observable'
import * as Y from 'yjs'
import { offlineWorthy, registerServiceWorker, type ServiceWorkerHost } from '../../client/src/offline/registerServiceWorker'
import { rememberUnsentChanges, unsentChangesKey } from '../../client/src/offline/unsentChanges'
import { createAppStore } from '../../client/src/state/appStore'
import { createMemoryStorage } from '../../client/src/user/storage'
import { trackConnection, type ProviderLike } from '../../client/src/sync/connectionTracker'

const ORIGIN = 'https://canvas.example'

function fakeHost(options: { fails?: boolean } = {}) {
  const posted: unknown[] = []
  let emit: (urls: string[]) => void = () => {}
  const register = vi.fn(async () => {
    if (options.fails) throw new Error('SecurityError')
    return {} as ServiceWorkerRegistration
  })
  const host: ServiceWorkerHost = {
    container: {
      register,
      ready: Promise.resolve({ active: { postMessage: (message: unknown) => posted.push(message) } } as unknown as ServiceWorkerRegistration),
    },
    origin: ORIGIN,
    observeResources: (onUrls) => {
      emit = onUrls
    },
  }
  return { host, register, posted, emit: (urls: string[]) => emit(urls) }
}

describe('service worker registration', () => {
  it('does nothing where the browser has no service workers (plain http on a LAN address, tests)', async () => {
    expect(await registerServiceWorker({ container: undefined, origin: ORIGIN, observeResources: () => {} })).toBeNull()
  })

  it('registers /sw.js for the whole site and sends the files the page loads, in batches', async () => {
    vi.useFakeTimers()
    try {
      const { host, register, posted, emit } = fakeHost()
      expect(await registerServiceWorker(host)).not.toBeNull()
      expect(register).toHaveBeenCalledWith('/sw.js', { scope: '/' })
      // One message at once, so the shell is cached even before any file is observed.
      expect(posted).toEqual([{ type: 'warm', urls: [] }])
      emit([`${ORIGIN}/assets/index-1.js`, `${ORIGIN}/api/boards/x`, 'https://cdn.example/assets/x.js'])
      emit([`${ORIGIN}/assets/BoardPage-2.js`, `${ORIGIN}/assets/index-1.js`])
      expect(posted).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(300)
      expect(posted).toEqual([
        { type: 'warm', urls: [] },
        { type: 'warm', urls: [`${ORIGIN}/assets/index-1.js`, `${ORIGIN}/assets/BoardPage-2.js`] },
      ])
      emit([`${ORIGIN}/api/time`])
      await vi.advanceTimersByTimeAsync(1_000)
      expect(posted).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('answers null and warns when the browser refuses the worker; the app goes on without it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { host, posted } = fakeHost({ fails: true })
    expect(await registerServiceWorker(host)).toBeNull()
    expect(posted).toEqual([])
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })

  it('keeps only this origin’s build files and uploaded images', () => {
    expect(offlineWorthy('/assets/a-1.woff2', ORIGIN)).toBe(true)
    expect(offlineWorthy(`${ORIGIN}/api/assets/b/c.png`, ORIGIN)).toBe(true)
    expect(offlineWorthy(`${ORIGIN}/api/boards/b`, ORIGIN)).toBe(false)
    expect(offlineWorthy('https://other.example/assets/a.js', ORIGIN)).toBe(false)
    expect(offlineWorthy('http://[bad', ORIGIN)).toBe(false)
  })
})

type ProviderEvents = {
  status: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void
  sync: (synced: boolean) => void
  'connection-close': (event: unknown) => void
  'connection-error': (event: unknown) => void
  closed: (event: unknown) => void
}

/** y-websocket's provider as far as the tracker sees it. */
class FakeProvider extends ObservableV2<ProviderEvents> {
  wsconnected = false
  synced = false
}

describe('unsent changes across a reload', () => {
  it('counts on from what the page before the reload left unsent, and forgets it when the server confirms a sync', () => {
    const storage = createMemoryStorage()
    const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
    const edit = (doc: Y.Doc, n: number) => doc.transact(() => doc.getMap('records').set(`shape:${n}`, n), { binding: 'local' })

    // Before the reload: two edits while the server is down.
    const first = createAppStore()
    const firstDoc = new Y.Doc()
    const stopAgain = trackConnection({
      doc: firstDoc,
      provider: new FakeProvider() as unknown as ProviderLike,
      persistence: null,
      setConnection: first.getState().setConnection,
      isOnline: () => true,
      events: null,
      unsent: rememberUnsentChanges(storage, boardId),
    })
    edit(firstDoc, 1)
    edit(firstDoc, 2)
    stopAgain()
    expect(storage.getItem(unsentChangesKey(boardId))).toBe('2')

    // After the reload, still offline: the badge shows them, and counts on.
    const second = createAppStore()
    const provider = new FakeProvider()
    const doc = new Y.Doc()
    trackConnection({
      doc,
      provider: provider as unknown as ProviderLike,
      persistence: null,
      setConnection: second.getState().setConnection,
      isOnline: () => true,
      events: null,
      unsent: rememberUnsentChanges(storage, boardId),
    })
    provider.emit('connection-error', [null])
    expect(second.getState().connection).toMatchObject({ status: 'offline', unsentChanges: 2 })
    edit(doc, 3)
    expect(second.getState().connection.unsentChanges).toBe(3)

    // The server is back and the sync completes: nothing is unsent any more, here or after the next reload.
    provider.wsconnected = true
    provider.emit('status', [{ status: 'connected' }])
    provider.synced = true
    provider.emit('sync', [true])
    expect(second.getState().connection).toMatchObject({ status: 'connected', unsentChanges: 0 })
    expect(storage.getItem(unsentChangesKey(boardId))).toBeNull()
    expect(rememberUnsentChanges(storage, boardId).read()).toBe(0)
  })

  it('reads a missing or corrupt stored count as zero', () => {
    const storage = createMemoryStorage()
    const memory = rememberUnsentChanges(storage, 'board-one-xxxxxxxxxx')
    expect(memory.read()).toBe(0)
    storage.setItem(unsentChangesKey('board-one-xxxxxxxxxx'), 'lots')
    expect(memory.read()).toBe(0)
    storage.setItem(unsentChangesKey('board-one-xxxxxxxxxx'), '-4')
    expect(memory.read()).toBe(0)
  })
})
