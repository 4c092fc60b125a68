import {
  UserRecordType,
  atom,
  computed,
  createTLCurrentUser,
  createUserId,
  getUserPreferences,
  setUserPreferences,
  type Signal,
  type TLCurrentUser,
  type TLUser,
  type TLUserPreferences,
} from 'tldraw'

/** The person at this browser, as the app keeps them (stable id, display name, cursor colour). */
export interface BoardUser {
  id: string
  name: string
  color: string
}

/**
 * One person's identity for tldraw. The same stable id feeds both `TLUserPreferences.id`
 * (what the editor and the people menu call "me") and the user store's `currentUser` (what
 * presence and attribution use); per-tab uniqueness lives only in the presence instance id.
 */
export interface BoardUserSession {
  /** For `createTLStore({ users: { currentUser } })` and presence. */
  readonly currentUser: Signal<TLUser | null>
  /** For `<Tldraw user>`: tldraw's own UI reads and edits these preferences. */
  readonly tldrawUser: TLCurrentUser
  /** Current preferences, including edits made in tldraw's UI (name, colour, locale, theme). */
  readonly preferences: Signal<TLUserPreferences>
  /** Takes a new name or colour from the app (the id never changes within a session). */
  update(user: BoardUser): void
}

export interface BoardUserSessionOptions {
  /** Remember theme and other tldraw settings in tldraw's localStorage entry (default true). */
  persist?: boolean
  /** tldraw locale code to start with ('en', 'zh-tw'), so the UI never flashes another language. */
  locale?: string
}

function storedPreferences(): Partial<TLUserPreferences> {
  try {
    return getUserPreferences()
  } catch {
    return {}
  }
}

/** Creates the tldraw identity of one person for one mounted board. */
export function createBoardUserSession(user: BoardUser, options: BoardUserSessionOptions = {}): BoardUserSession {
  const persist = options.persist ?? true
  const $preferences = atom<TLUserPreferences>('civic-canvas user preferences', {
    ...(persist ? storedPreferences() : {}),
    id: user.id,
    name: user.name,
    color: user.color,
    ...(options.locale ? { locale: options.locale } : {}),
  })

  const currentUser = computed<TLUser | null>('civic-canvas current user', () => {
    const prefs = $preferences.get()
    return UserRecordType.create({
      id: createUserId(prefs.id),
      name: prefs.name ?? '',
      color: prefs.color ?? user.color,
    })
  })

  const tldrawUser = createTLCurrentUser({
    userPreferences: $preferences,
    setUserPreferences: (next) => {
      const merged = { ...next, id: user.id }
      $preferences.set(merged)
      if (persist) setUserPreferences(merged)
    },
  })

  return {
    currentUser,
    tldrawUser,
    preferences: $preferences,
    update(next) {
      const prefs = $preferences.get()
      if (prefs.name === next.name && prefs.color === next.color) return
      $preferences.set({ ...prefs, name: next.name, color: next.color })
    },
  }
}
