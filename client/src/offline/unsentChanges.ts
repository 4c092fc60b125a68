import type { KeyValueStorage } from '../user/storage'

/** Keeps a board's count of unsent changes across reloads (the changes themselves are in IndexedDB). */
export interface UnsentChangesMemory {
  read(): number
  write(count: number): void
}

/** The storage key of a board's unsent-change count. */
export function unsentChangesKey(boardId: string): string {
  return `civic-canvas:unsent:${boardId}`
}

/**
 * A board's unsent-change count in this browser's storage. Without it a page reloaded while
 * the server is down would show "no unsent changes" although its local copy holds edits the
 * server has never seen; the count is cleared when the server confirms a sync.
 */
export function rememberUnsentChanges(storage: KeyValueStorage, boardId: string): UnsentChangesMemory {
  const key = unsentChangesKey(boardId)
  return {
    read: () => {
      const count = Number(storage.getItem(key))
      return Number.isSafeInteger(count) && count > 0 ? count : 0
    },
    write: (count) => {
      try {
        if (count > 0) storage.setItem(key, String(count))
        else storage.removeItem(key)
      } catch {
        // Storage full or blocked: the badge is then only right until the next reload.
      }
    },
  }
}
