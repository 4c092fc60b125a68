import * as Y from 'yjs'
import type { Editor, TLArrowBinding, TLRecord, TLShapeId, TLStore, VecModel } from 'tldraw'
import { bindStoreToDoc, type BindOptions, type StoreDocBinding } from '../../client/src/sync/bindStoreToDoc'
import { createBoardStore } from '../../client/src/sync/boardStore'
import { createBoardUserSession, type BoardUser, type BoardUserSession } from '../../client/src/sync/boardUser'
import { customShapeUtils } from '../../client/src/shapes'
import { designShapeUtils, designTools, mountHeadlessEditor } from './headlessEditor'

/** One person at a headless tldraw editor bound to their own Y.Doc. */
export interface Peer {
  name: string
  doc: Y.Doc
  store: TLStore
  editor: Editor
  binding: StoreDocBinding
  session: BoardUserSession
  dispose(): void
}

export interface PeerOptions extends BindOptions {
  doc?: Y.Doc
  user?: BoardUser
  /** Also registers the design-thinking shapes and their tools. */
  designShapes?: boolean
}

/** Starts a headless editor over `doc` the way the app does: bind first, then mount. */
export function createPeer(name: string, options: PeerOptions = {}): Peer {
  const doc = options.doc ?? new Y.Doc()
  const session = createBoardUserSession(options.user ?? { id: `id-${name}`, name, color: '#1f77b4' }, { persist: false })
  const { store } = createBoardStore({
    currentUser: session.currentUser,
    ...(options.designShapes ? { shapeUtils: customShapeUtils } : {}),
  })
  const result = bindStoreToDoc(store, doc, options)
  if (!result.ok) throw new Error(`peer ${name} could not bind: ${result.reason} ${result.message}`)
  const mounted = mountHeadlessEditor({
    store,
    user: session.tldrawUser,
    ...(options.designShapes ? { shapeUtils: designShapeUtils, tools: designTools } : {}),
  })
  return {
    name,
    doc,
    store,
    editor: mounted.editor,
    binding: result.binding,
    session,
    dispose() {
      result.binding.unbind()
      mounted.dispose()
    },
  }
}

/** A second peer joining a board: its doc starts as a copy of the first, as after a provider sync. */
export function joinPeer(name: string, from: Peer, options: PeerOptions = {}): Peer {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from.doc), 'server')
  return createPeer(name, { ...options, doc })
}

/** Alice, and Bob joining her board, relayed to each other; both are added to `peers` for disposal. */
export function twoConnectedPeers(peers: Peer[]): [Peer, Peer] {
  const alice = createPeer('alice')
  const bob = joinPeer('bob', alice)
  peers.push(alice, bob)
  connect(alice.doc, bob.doc)
  return [alice, bob]
}

/**
 * Relays every doc update between two docs, as a websocket server would, until disconnected.
 * Starts with a full exchange: Yjs holds back updates whose predecessors it has not seen.
 */
export function connect(a: Y.Doc, b: Y.Doc): { disconnect(): void; reconnect(): void } {
  let connected = true
  exchange(a, b)
  const relay = (target: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (connected && origin !== 'relay') Y.applyUpdate(target, update, 'relay')
  }
  const toB = relay(b)
  const toA = relay(a)
  a.on('update', toB)
  b.on('update', toA)
  return {
    disconnect() {
      connected = false
    },
    reconnect() {
      connected = true
      exchange(a, b)
    },
  }
}

/** Sends each doc what the other lacks (a reconnect after working offline). */
export function exchange(a: Y.Doc, b: Y.Doc): void {
  const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, forB, 'relay')
  Y.applyUpdate(a, forA, 'relay')
}

/** The document records of a store, sorted by id, for comparing two peers. */
export function documentRecords(store: TLStore): TLRecord[] {
  return Object.values(store.serialize('document')).sort((x, y) => x.id.localeCompare(y.id))
}

/** Draws two 100×100 boxes at `from` and `to` and an arrow bound to both (its start on the first box). */
export function drawBoundArrow(editor: Editor, ids: { fromId: TLShapeId; toId: TLShapeId; arrowId: TLShapeId }, from: VecModel, to: VecModel): void {
  const { fromId, toId, arrowId } = ids
  editor.createShapes([
    { id: fromId, type: 'geo', x: from.x, y: from.y, props: { w: 100, h: 100 } },
    { id: toId, type: 'geo', x: to.x, y: to.y, props: { w: 100, h: 100 } },
    { id: arrowId, type: 'arrow', x: from.x + 50, y: from.y + 50, props: { start: { x: 0, y: 0 }, end: { x: to.x - from.x, y: to.y - from.y } } },
  ])
  const anchor = { normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' as const }
  editor.createBindings<TLArrowBinding>([
    { type: 'arrow', fromId: arrowId, toId: fromId, props: { terminal: 'start', ...anchor } },
    { type: 'arrow', fromId: arrowId, toId, props: { terminal: 'end', ...anchor } },
  ])
}
