import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { connectionSlice, type ConnectionSlice } from './connectionSlice'
import { userSlice, type UserSlice } from './userSlice'
import { panelsSlice, type PanelsSlice } from './panelsSlice'
import { accessSlice, type AccessSlice } from './accessSlice'

/** The app's own view state. The board document lives in the tldraw store, never here. */
export type AppState = UserSlice & ConnectionSlice & PanelsSlice & AccessSlice

/** Builds a fresh app store (one per page; tests build their own). */
export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...userSlice(...args),
    ...connectionSlice(...args),
    ...panelsSlice(...args),
    ...accessSlice(...args),
  }))
}

export type AppStore = ReturnType<typeof createAppStore>

/** The page's app store. */
export const appStore: AppStore = createAppStore()

/** React hook reading a slice of the page's app store. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector)
}
