import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { getIndices, PageRecordType, type TLPageId } from 'tldraw'
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as decoding from 'lib0/decoding'
import { localCopyKey, localCopyName } from '../../client/src/sync/boardConnection'
import { createYRecord, getRecordsMap, type PlainRecord } from '../../client/src/sync/recordLayout'
import { createBoardOutsideTheDom, mountSync, readyStore, serveBoardsForTests } from '../support/boardSyncHarness'
import { waitFor } from '../support/waitFor'

const boards = serveBoardsForTests('hook')

describe('useBoardSync against our y-websocket server', () => {
  // Created through the API in the first test: websockets need the board's signed token.
  let boardId = ''
  let token = ''
  const pageId: TLPageId = PageRecordType.createId('workshop')

  it('loads after the first sync, syncs two clients and reports the connection', async () => {
    const url = boards.wsUrl()
    const created = await createBoardOutsideTheDom(boards.port)
    boardId = created.id
    token = created.tokens.participant
    const alice = mountSync(boardId, 'alice', url, token)
    const bob = mountSync(boardId, 'bob', url.replace('127.0.0.1', 'localhost'), token)
    try {
      await waitFor('first render', () => alice.states.length > 0)
      expect(alice.states[0]?.status).toBe('loading')
      const aliceStore = await waitFor('alice ready', () => readyStore(alice))
      const bobStore = await waitFor('bob ready', () => readyStore(bob))
      expect(alice.latest()).toMatchObject({ loadedFrom: 'server' })
      expect(alice.appStore.getState().connection).toMatchObject({ status: 'connected', unsentChanges: 0 })
      await waitFor('saved locally', () => alice.appStore.getState().connection.savedLocally)

      aliceStore.put([PageRecordType.create({ id: pageId, name: '旅程地圖', index: 'a1' as never })])
      const page = await waitFor('page at bob', () => bobStore.get(pageId))
      expect(page.name).toBe('旅程地圖')

      // Changes from elsewhere reach the store once per frame (applyRemote: 'next-frame'), not
      // inside the update that brought them: a burst of messages is one store merge.
      const bobDoc = bob.ready()!.doc
      const peer = new Y.Doc()
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(bobDoc))
      const blueprintId: TLPageId = PageRecordType.createId('blueprint')
      const blueprint = PageRecordType.create({ id: blueprintId, name: '服務藍圖', index: 'a2' as never })
      getRecordsMap(peer).set(blueprintId, createYRecord(blueprint as unknown as PlainRecord))
      Y.applyUpdate(bobDoc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(bobDoc)), 'peer')
      expect(bobStore.get(blueprintId)).toBeUndefined()
      await waitFor('merged at the next frame', () => bobStore.get(blueprintId)?.name === '服務藍圖')
    } finally {
      alice.unmount()
      bob.unmount()
    }
  })

  it('starts from the local copy when the server is gone, then merges when it is back', async () => {
    await boards.stop()
    const carol = mountSync(boardId, 'alice', boards.wsUrl(), token)
    try {
      const store = await waitFor('ready from the local copy', () => readyStore(carol))
      expect(carol.latest()).toMatchObject({ loadedFrom: 'local' })
      expect(store.get(pageId)?.name).toBe('旅程地圖')
      expect(carol.appStore.getState().connection.status).toBe('offline')

      store.update(pageId, (page) => ({ ...page, name: '旅程地圖（離線修改）' }))
      await waitFor('unsent change counted', () => carol.appStore.getState().connection.unsentChanges > 0)

      await boards.start()
      await waitFor('reconnected', () => carol.appStore.getState().connection.status === 'connected', 8000)
      await waitFor('unsent changes cleared', () => carol.appStore.getState().connection.unsentChanges === 0, 8000)
    } finally {
      carol.unmount()
    }
    // Dave has no local copy: what he sees can only have come from the server.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(localCopyName(boardId))
      request.onsuccess = () => resolve()
      request.onerror = () => reject(request.error)
    })
    const dave = mountSync(boardId, 'dave', boards.wsUrl(), token)
    try {
      const store = await waitFor('dave ready', () => readyStore(dave))
      await waitFor('offline edit reached the server', () => store.get(pageId)?.name === '旅程地圖（離線修改）')
    } finally {
      dave.unmount()
    }
  }, 30_000)
})

describe('a first visit', () => {
  it('connects without waiting for IndexedDB, as there is no local copy to read first', async () => {
    const created = await createBoardOutsideTheDom(boards.port)
    let localCopyLoadedAtFirstSend: boolean | null = null
    let mounted: ReturnType<typeof mountSync> | null = null
    const recorder = recordingWebSocket(created.id, () => {
      localCopyLoadedAtFirstSend ??= mounted?.appStore.getState().connection.savedLocally ?? false
    })
    const previous = globalThis.WebSocket
    globalThis.WebSocket = recorder.WebSocket as unknown as typeof WebSocket
    // Slower than a localhost websocket, faster than LOCAL_COPY_WAIT_MS: only the copy's absence decides.
    const restoreIndexedDb = slowIndexedDbOpen(300)
    mounted = mountSync(created.id, 'fay', boards.wsUrl(), created.tokens.participant)
    try {
      await waitFor('ready', () => readyStore(mounted!))
      expect(mounted.latest()).toMatchObject({ loadedFrom: 'server' })
      expect(localCopyLoadedAtFirstSend).toBe(false)
      // The copy still loads, and is kept from then on: the next visit reads it first.
      await waitFor('saved locally', () => mounted!.appStore.getState().connection.savedLocally)
      expect(localStorage.getItem(localCopyKey(created.id))).not.toBeNull()
    } finally {
      mounted.unmount()
      globalThis.WebSocket = previous
      restoreIndexedDb()
    }
  })
})

/** Node's `ws`, recording what the board's socket (not the session doc's) sends and receives; `onSend` sees each frame as it goes. */
function recordingWebSocket(boardId: string, onSend: (frame: Uint8Array) => void = () => {}) {
  const sent: Uint8Array[] = []
  let receivedBytes = 0
  class RecordingWebSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      if (!new URL(String(url)).pathname.endsWith(`/${boardId}`)) return
      this.on('message', (data: ArrayBuffer | Buffer) => (receivedBytes += data.byteLength))
      const send = this.send.bind(this)
      this.send = ((data: Uint8Array, ...rest: never[]) => {
        sent.push(new Uint8Array(data))
        onSend(new Uint8Array(data))
        return send(data, ...rest)
      }) as typeof this.send
    }
  }
  return { WebSocket: RecordingWebSocket, sent, receivedBytes: () => receivedBytes }
}

/** The state vector of the first y-websocket sync step 1 (message 0, sync message 0) among the frames. */
function firstSyncStep1StateVector(frames: readonly Uint8Array[]): Map<number, number> | undefined {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) continue
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder))
  }
  return undefined
}

/**
 * Makes every IndexedDB open answer `delayMs` late, as a browser's disk-backed IndexedDB does
 * next to a websocket on localhost (fake-indexeddb would otherwise win every race). Answers the undo.
 */
function slowIndexedDbOpen(delayMs: number): () => void {
  const factory = globalThis.indexedDB
  const open = factory.open.bind(factory)
  factory.open = (name: string, version?: number) => {
    const request = open(name, version)
    let handler: IDBRequest['onsuccess'] = null
    Object.defineProperty(request, 'onsuccess', {
      configurable: true,
      get: () => handler,
      set: (next: IDBRequest['onsuccess']) => {
        handler = next === null ? null : (event) => void setTimeout(() => next.call(request, event), delayMs)
      },
    })
    return request
  }
  return () => {
    factory.open = open
  }
}

describe('a returning browser', () => {
  it('sends the server what only its local copy holds, loaded before connecting', async () => {
    const url = boards.wsUrl()
    const created = await createBoardOutsideTheDom(boards.port)
    const token = created.tokens.participant
    const first = mountSync(created.id, 'gwen', url, token)
    try {
      const store = await waitFor('first visit ready', () => readyStore(first))
      store.put([PageRecordType.create({ id: PageRecordType.createId('ideas'), name: '點子', index: 'a1' as never })])
      await waitFor('saved locally and sent', () => {
        const connection = first.appStore.getState().connection
        return connection.savedLocally && connection.unsentChanges === 0
      })
    } finally {
      first.unmount()
    }
    // An edit the server never saw, kept only in this browser's copy (a tab closed while offline).
    const offline = new Y.Doc()
    const copy = new IndexeddbPersistence(localCopyName(created.id), offline)
    await copy.whenSynced
    const offlinePage = PageRecordType.create({ id: PageRecordType.createId('offline'), name: '離線寫的頁', index: 'a2' as never })
    getRecordsMap(offline).set(offlinePage.id, createYRecord(offlinePage as unknown as PlainRecord))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await copy.destroy()
    offline.destroy()

    // The next visit reads that copy before it connects (nothing announces the load), then syncs.
    const second = mountSync(created.id, 'gwen', url, token)
    try {
      const store = await waitFor('second visit ready', () => readyStore(second))
      expect(store.get(offlinePage.id)?.name).toBe('離線寫的頁')
    } finally {
      second.unmount()
    }
    // A browser without any copy sees it: it reached the server.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(localCopyName(created.id))
      request.onsuccess = () => resolve()
      request.onerror = () => reject(request.error)
    })
    const other = mountSync(created.id, 'hank', url, token)
    try {
      const store = await waitFor('other browser ready', () => readyStore(other))
      await waitFor('offline page at the server', () => store.get(offlinePage.id)?.name === '離線寫的頁')
    } finally {
      other.unmount()
    }
  })

  it('connects after its local copy has loaded, so the server sends only what it lacks', async () => {
    const url = boards.wsUrl()
    const created = await createBoardOutsideTheDom(boards.port)
    const first = mountSync(created.id, 'erin', url, created.tokens.participant)
    let fullStateBytes = 0
    try {
      const store = await waitFor('first open ready', () => readyStore(first))
      // A board worth measuring: 200 pages with long names (~40 kB of state).
      const indices = getIndices(200)
      store.put(
        indices.map((index, i) =>
          PageRecordType.create({ id: PageRecordType.createId(`p${i}`), name: `服務藍圖 第 ${i} 頁 ${'。'.repeat(40)}`, index }),
        ),
      )
      await waitFor('all saved locally and sent', () => {
        const connection = first.appStore.getState().connection
        return connection.savedLocally && connection.unsentChanges === 0
      })
      const state = first.latest()
      if (state?.status !== 'ready') throw new Error('first open is not ready')
      fullStateBytes = Y.encodeStateAsUpdate(state.doc).byteLength
      // IndexedDB writes are asynchronous: give the last one time to land before the reopen.
      await new Promise((resolve) => setTimeout(resolve, 300))
    } finally {
      first.unmount()
    }
    expect(fullStateBytes).toBeGreaterThan(20_000)

    const recorder = recordingWebSocket(created.id)
    const previous = globalThis.WebSocket
    globalThis.WebSocket = recorder.WebSocket as unknown as typeof WebSocket
    const restoreIndexedDb = slowIndexedDbOpen(400)
    const second = mountSync(created.id, 'erin', url, created.tokens.participant)
    try {
      const store = await waitFor('second open ready', () => readyStore(second))
      expect(second.latest()).toMatchObject({ loadedFrom: 'server' })
      expect(store.get(PageRecordType.createId('p199'))?.name).toContain('第 199 頁')
      const stateVector = firstSyncStep1StateVector(recorder.sent)
      expect(stateVector?.size ?? 0).toBeGreaterThan(0)
      // The server's answer (its own step 1, step 2 with the difference, awareness) is small.
      expect(recorder.receivedBytes()).toBeLessThan(fullStateBytes / 10)
    } finally {
      second.unmount()
      globalThis.WebSocket = previous
      restoreIndexedDb()
    }
  })
})
