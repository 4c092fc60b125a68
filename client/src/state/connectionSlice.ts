import type { StateCreator } from 'zustand/vanilla'

/** How the board's websocket stands, as the status badge shows it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline'

export interface ConnectionSlice {
  connection: {
    status: ConnectionStatus
    /** Local changes made since the server last confirmed a full sync. */
    unsentChanges: number
    /** True once the board's content has been stored in this browser (IndexedDB). */
    savedLocally: boolean
  }
  setConnection: (patch: Partial<ConnectionSlice['connection']>) => void
}

export const connectionSlice: StateCreator<ConnectionSlice, [], [], ConnectionSlice> = (set) => ({
  connection: { status: 'connecting', unsentChanges: 0, savedLocally: false },
  setConnection: (patch) => set((state) => ({ connection: { ...state.connection, ...patch } })),
})
