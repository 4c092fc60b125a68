/** The part of the Web Storage API we use; tests pass an in-memory one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** An in-memory storage, used when the browser refuses localStorage (private mode, blocked cookies). */
export function createMemoryStorage(): KeyValueStorage {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
  }
}

/** The browser's localStorage when it is usable, else a memory storage so the app still works for this visit. */
export function browserStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage
    const probe = 'civic-canvas:probe'
    storage.setItem(probe, probe)
    storage.removeItem(probe)
    return storage
  } catch {
    return createMemoryStorage()
  }
}

/** Parses stored JSON, answering undefined for missing or corrupt values instead of throwing. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  const raw = storage.getItem(key)
  if (raw === null) return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}
