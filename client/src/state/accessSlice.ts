import type { StateCreator } from 'zustand/vanilla'
import type { Role } from '../../../shared/access/roles'

/** How this browser holds the open board: the link's token and the role the server gave it. */
export interface BoardAccess {
  boardId: string
  token: string
  role: Role
  /** The board's name, from the server (empty when unknown, e.g. offline). */
  name: string
  /** The template the board was created from ('blank' when unknown): facilitators seed it into an empty board. */
  template: string
}

/** The open board's access, and the session UI's open dialogs and panels. */
export interface AccessSlice {
  access: BoardAccess | null
  setAccess: (access: BoardAccess | null) => void
  shareOpen: boolean
  setShareOpen: (open: boolean) => void
  /** The facilitator panel beside the canvas. */
  sessionPanelOpen: boolean
  setSessionPanelOpen: (open: boolean) => void
}

export const accessSlice: StateCreator<AccessSlice, [], [], AccessSlice> = (set) => ({
  access: null,
  setAccess: (access) => set({ access }),
  shareOpen: false,
  setShareOpen: (shareOpen) => set({ shareOpen }),
  sessionPanelOpen: true,
  setSessionPanelOpen: (sessionPanelOpen) => set({ sessionPanelOpen }),
})
