import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { ObservableV2 } from 'lib0/observable'
import { createAppStore } from '../../client/src/state/appStore'
import { trackConnection, type PersistenceLike, type ProviderLike } from '../../client/src/sync/connectionTracker'
import { connectAfterLocalCopy, whenBoardLoaded } from '../../client/src/sync/loadGate'

type ProviderEvents = {
  status: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void
  sync: (synced: boolean) => void
  'connection-close': (event: unknown) => void
  'connection-error': (event: unknown) => void
  closed: (event: unknown) => void
}

/** Stands in for y-websocket's provider: same events, same flags. */
class FakeProvider extends ObservableV2<ProviderEvents> {
  wsconnected = false
  synced = false
  connect() {
    this.wsconnected = true
    this.emit('status', [{ status: 'connected' }])
  }
  sync() {
    this.synced = true
    this.emit('sync', [true])
  }
  drop() {
    this.wsconnected = false
    this.synced = false
    this.emit('connection-close', [null])
    this.emit('status', [{ status: 'disconnected' }])
    this.emit('sync', [false])
  }
  fail() {
    this.emit('connection-error', [null])
    this.emit('connection-close', [null])
  }
}

function fakePersistence(): PersistenceLike & { load(): void } {
  let resolve: () => void = () => {}
  const whenSynced = new Promise<void>((r) => (resolve = r))
  const persistence = {
    synced: false,
    whenSynced: whenSynced as unknown as PersistenceLike['whenSynced'],
    load() {
      persistence.synced = true
      resolve()
    },
  }
  return persistence
}

const asProvider = (fake: FakeProvider) => fake as unknown as ProviderLike
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

function localEdit(doc: Y.Doc, n: number) {
  doc.transact(() => doc.getMap('records').set(`shape:${n}`, n), { binding: 'local' })
}

describe('connection state in the app store', () => {
  it('follows connecting, connected, reconnecting and offline', () => {
    const appStore = createAppStore()
    const provider = new FakeProvider()
    let online = true
    const collaboration: boolean[] = []
    trackConnection({
      doc: new Y.Doc(),
      provider: asProvider(provider),
      persistence: null,
      setConnection: appStore.getState().setConnection,
      onOnlineChange: (value) => collaboration.push(value),
      isOnline: () => online,
      events: null,
    })
    const status = () => appStore.getState().connection.status
    expect(status()).toBe('connecting')
    provider.connect()
    expect(status()).toBe('connected')
    provider.drop()
    expect(status()).toBe('reconnecting')
    online = false
    provider.fail()
    expect(status()).toBe('offline')
    online = true
    provider.connect()
    expect(status()).toBe('connected')
    expect(collaboration).toEqual([false, true, false, true])
  })

  it('reports a server never reached as offline', () => {
    const appStore = createAppStore()
    const provider = new FakeProvider()
    trackConnection({ doc: new Y.Doc(), provider: asProvider(provider), persistence: null, setConnection: appStore.getState().setConnection, isOnline: () => true, events: null })
    provider.fail()
    expect(appStore.getState().connection.status).toBe('offline')
  })

  it('counts local changes made while not synced and clears them when a sync completes', async () => {
    const appStore = createAppStore()
    const provider = new FakeProvider()
    const doc = new Y.Doc()
    const persistence = fakePersistence()
    trackConnection({ doc, provider: asProvider(provider), persistence, setConnection: appStore.getState().setConnection, isOnline: () => true, events: null })
    const connection = () => appStore.getState().connection

    localEdit(doc, 1)
    localEdit(doc, 2)
    expect(connection().unsentChanges).toBe(2)
    // Changes from the server or the local copy are not ours to send.
    doc.transact(() => doc.getMap('records').set('shape:remote', 0), provider)
    expect(connection().unsentChanges).toBe(2)

    provider.connect()
    provider.sync()
    expect(connection().unsentChanges).toBe(0)
    localEdit(doc, 3)
    expect(connection().unsentChanges).toBe(0)

    provider.drop()
    localEdit(doc, 4)
    expect(connection().unsentChanges).toBe(1)

    expect(connection().savedLocally).toBe(false)
    persistence.load()
    await tick()
    expect(connection().savedLocally).toBe(true)
  })
})

describe('when the editor may mount', () => {
  it('waits for the first server sync and ignores the syncs of later reconnects', () => {
    const provider = new FakeProvider()
    const onLoaded = vi.fn()
    whenBoardLoaded({ provider: asProvider(provider), persistence: null, isOnline: () => true, onLoaded })
    provider.connect()
    expect(onLoaded).not.toHaveBeenCalled()
    provider.sync()
    provider.drop()
    provider.connect()
    provider.sync()
    expect(onLoaded).toHaveBeenCalledTimes(1)
    expect(onLoaded).toHaveBeenCalledWith('server')
  })

  it('starts from the local copy when the server cannot be reached', async () => {
    const provider = new FakeProvider()
    const persistence = fakePersistence()
    const onLoaded = vi.fn()
    whenBoardLoaded({ provider: asProvider(provider), persistence, isOnline: () => true, onLoaded })
    provider.fail()
    expect(onLoaded).not.toHaveBeenCalled()
    persistence.load()
    await tick()
    expect(onLoaded).toHaveBeenCalledWith('local')
    provider.connect()
    provider.sync()
    expect(onLoaded).toHaveBeenCalledTimes(1)
  })

  it('starts from the local copy when the server stays silent', async () => {
    const provider = new FakeProvider()
    const persistence = fakePersistence()
    persistence.load()
    const onLoaded = vi.fn()
    whenBoardLoaded({ provider: asProvider(provider), persistence, isOnline: () => true, offlineAfterMs: 20, onLoaded })
    provider.connect()
    await tick()
    expect(onLoaded).not.toHaveBeenCalled()
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(onLoaded).toHaveBeenCalledWith('local')
  })

  it('starts from the local copy as soon as it loads when the server failed before anyone listened', async () => {
    const provider = new FakeProvider()
    const persistence = fakePersistence()
    const onLoaded = vi.fn()
    // A connection opened ahead of the page: its failed attempts happened before this call.
    whenBoardLoaded({ provider: asProvider(provider), persistence, isOnline: () => true, serverUnreachable: true, offlineAfterMs: 60_000, onLoaded })
    persistence.load()
    await tick()
    expect(onLoaded).toHaveBeenCalledWith('local')
  })

  it('keeps waiting for the server when there is no local copy', async () => {
    const provider = new FakeProvider()
    const onLoaded = vi.fn()
    whenBoardLoaded({ provider: asProvider(provider), persistence: null, isOnline: () => false, offlineAfterMs: 5, onLoaded })
    provider.fail()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(onLoaded).not.toHaveBeenCalled()
    provider.connect()
    provider.sync()
    expect(onLoaded).toHaveBeenCalledWith('server')
  })
})

describe('when the board connects', () => {
  it('waits for the local copy, so sync step 1 carries its state vector', async () => {
    const provider = { connect: vi.fn() }
    const persistence = fakePersistence()
    connectAfterLocalCopy({ provider, persistence, waitMs: 1000 })
    await tick()
    expect(provider.connect).not.toHaveBeenCalled()
    persistence.load()
    await tick()
    expect(provider.connect).toHaveBeenCalledTimes(1)
  })

  it('connects at once without a local copy, or once it has already loaded', () => {
    const withoutCopy = { connect: vi.fn() }
    connectAfterLocalCopy({ provider: withoutCopy, persistence: null })
    expect(withoutCopy.connect).toHaveBeenCalledTimes(1)
    const loaded = fakePersistence()
    loaded.synced = true
    const withLoadedCopy = { connect: vi.fn() }
    connectAfterLocalCopy({ provider: withLoadedCopy, persistence: loaded })
    expect(withLoadedCopy.connect).toHaveBeenCalledTimes(1)
  })

  it('connects at once, while the local copy loads, when this browser never kept a copy of the board', async () => {
    const provider = { connect: vi.fn() }
    const persistence = fakePersistence()
    connectAfterLocalCopy({ provider, persistence, localCopyExpected: false, waitMs: 1000 })
    expect(provider.connect).toHaveBeenCalledTimes(1)
    persistence.load()
    await tick()
    expect(provider.connect).toHaveBeenCalledTimes(1)
  })

  it('connects anyway when the local copy never loads, and only once', async () => {
    const provider = { connect: vi.fn() }
    const persistence = fakePersistence()
    connectAfterLocalCopy({ provider, persistence, waitMs: 10 })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(provider.connect).toHaveBeenCalledTimes(1)
    persistence.load()
    await tick()
    expect(provider.connect).toHaveBeenCalledTimes(1)
  })

  it('never connects a board that was closed while waiting', async () => {
    const provider = { connect: vi.fn() }
    const persistence = fakePersistence()
    const cancel = connectAfterLocalCopy({ provider, persistence, waitMs: 10 })
    cancel()
    persistence.load()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(provider.connect).not.toHaveBeenCalled()
  })
})
