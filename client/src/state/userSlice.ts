import type { StateCreator } from 'zustand/vanilla'

export type Locale = 'en' | 'zh-TW'

/** The person at this browser: a stable id, display name and colour, kept in localStorage. */
export interface LocalUser {
  id: string
  name: string
  color: string
}

export interface UserSlice {
  user: LocalUser | null
  locale: Locale
  setUser: (user: LocalUser) => void
  setLocale: (locale: Locale) => void
}

export const userSlice: StateCreator<UserSlice, [], [], UserSlice> = (set) => ({
  user: null,
  locale: 'zh-TW',
  setUser: (user) => set({ user }),
  setLocale: (locale) => set({ locale }),
})
