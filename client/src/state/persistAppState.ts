import { loadLocale, saveLocale } from '../i18n/locale'
import type { KeyValueStorage } from '../user/storage'
import { loadOrCreateUser, saveUser } from '../user/localUser'
import type { AppStore } from './appStore'
import type { Locale } from './userSlice'

/** What the store needs from the page at startup; tests pass their own. */
export interface PersistenceEnvironment {
  storage: KeyValueStorage
  navigatorLanguage: string | undefined
  /** Called with every locale the store takes, including the first (sets `<html lang>`). */
  onLocale?: (locale: Locale) => void
}

/**
 * Fills the store with the remembered user and locale, then writes every later change back,
 * so components only ever talk to the store. Answers a function that stops the write-back.
 */
export function persistAppState(store: AppStore, env: PersistenceEnvironment): () => void {
  const { storage, onLocale } = env
  store.getState().setUser(loadOrCreateUser(storage))
  store.getState().setLocale(loadLocale(storage, env.navigatorLanguage))
  onLocale?.(store.getState().locale)
  return store.subscribe((state, previous) => {
    if (state.user !== previous.user && state.user !== null) saveUser(storage, state.user)
    if (state.locale !== previous.locale) {
      saveLocale(storage, state.locale)
      onLocale?.(state.locale)
    }
  })
}
