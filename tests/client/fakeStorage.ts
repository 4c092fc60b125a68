import type { KeyValueStorage } from '../../client/src/user/storage'

/** An in-memory localStorage stand-in that also exposes what was written, for assertions. */
export function fakeStorage(initial: Record<string, string> = {}): KeyValueStorage & { dump(): Record<string, string> } {
  const values = new Map(Object.entries(initial))
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
    dump: () => Object.fromEntries(values),
  }
}
