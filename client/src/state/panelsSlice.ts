import type { StateCreator } from 'zustand/vanilla'

/** Which side panels are open beside the canvas. */
export interface PanelsSlice {
  panels: { people: boolean; brics: boolean }
  togglePanel: (name: keyof PanelsSlice['panels']) => void
}

export const panelsSlice: StateCreator<PanelsSlice, [], [], PanelsSlice> = (set) => ({
  panels: { people: false, brics: false },
  togglePanel: (name) => set((state) => ({ panels: { ...state.panels, [name]: !state.panels[name] } })),
})
