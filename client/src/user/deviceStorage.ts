import { browserStorage, type KeyValueStorage } from './storage'

/** This browser's storage for user, locale and recent boards (memory-only when localStorage is blocked). */
export const deviceStorage: KeyValueStorage = browserStorage()
