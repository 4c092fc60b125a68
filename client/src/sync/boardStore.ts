import {
  atom,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Atom,
  type Signal,
  type TLAnyBindingUtilConstructor,
  type TLAnyShapeUtilConstructor,
  type TLAssetStore,
  type TLStore,
  type TLUser,
} from 'tldraw'

export interface BoardStoreOptions {
  /** The person at this client (see boardUser.ts). */
  currentUser: Signal<TLUser | null>
  /** Custom shapes, in addition to tldraw's defaults (one with a default's type replaces it). */
  shapeUtils?: readonly TLAnyShapeUtilConstructor[]
  /** Custom bindings, in addition to tldraw's defaults. */
  bindingUtils?: readonly TLAnyBindingUtilConstructor[]
  /** Where images and videos go; defaults to tldraw's inline store. */
  assets?: TLAssetStore
}

/** tldraw's default utils with those of the same type replaced by ours, as <Tldraw> merges them. */
function withDefaults<Util extends { type: string }>(defaults: readonly Util[], ours: readonly Util[]): Util[] {
  const replaced = new Set(ours.map((util) => util.type))
  return [...defaults.filter((util) => !replaced.has(util.type)), ...ours]
}

/** A collaborative tldraw store plus the signals that drive tldraw's collaboration UI. */
export interface BoardStore {
  store: TLStore
  /** 'online' while the websocket is connected; tldraw shows an offline badge otherwise. */
  collaborationStatus: Atom<'online' | 'offline'>
  /** 'readonly' hides editing tools (the server still has to enforce it). */
  collaborationMode: Atom<'readonly' | 'readwrite'>
}

/**
 * Creates the store for one board. Marked collaborative, which turns on tldraw's people menu,
 * collaborator cursors, cursor chat and following.
 */
export function createBoardStore(options: BoardStoreOptions): BoardStore {
  const collaborationStatus = atom<'online' | 'offline'>('civic-canvas collaboration status', 'offline')
  const collaborationMode = atom<'readonly' | 'readwrite'>('civic-canvas collaboration mode', 'readwrite')
  const store = createTLStore({
    shapeUtils: withDefaults<TLAnyShapeUtilConstructor>(defaultShapeUtils, options.shapeUtils ?? []),
    bindingUtils: [...defaultBindingUtils, ...(options.bindingUtils ?? [])],
    users: { currentUser: options.currentUser },
    collaboration: { status: collaborationStatus, mode: collaborationMode },
    ...(options.assets ? { assets: options.assets } : {}),
  })
  return { store, collaborationStatus, collaborationMode }
}
