import type { Locale } from '../state/userSlice'
import type { KeyValueStorage } from '../user/storage'

const LOCALE_KEY = 'civic-canvas:locale'

/** The locale a first-time visitor gets: zh-TW when the browser prefers any Chinese, else English. */
export function detectLocale(navigatorLanguage: string | undefined): Locale {
  return navigatorLanguage?.toLowerCase().startsWith('zh') ? 'zh-TW' : 'en'
}

/** True when `value` names a locale we ship. */
export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh-TW'
}

/** The remembered locale, or the detected one when none (or a stale value) is stored. */
export function loadLocale(storage: KeyValueStorage, navigatorLanguage: string | undefined): Locale {
  const stored = storage.getItem(LOCALE_KEY)
  return isLocale(stored) ? stored : detectLocale(navigatorLanguage)
}

/** Remembers the chosen locale on this device. */
export function saveLocale(storage: KeyValueStorage, locale: Locale): void {
  storage.setItem(LOCALE_KEY, locale)
}

/** The other locale: the language switch toggles between our two. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh-TW' : 'en'
}

