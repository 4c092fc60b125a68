import type * as Y from 'yjs'
import type { ChangedTypes } from './remoteChanges'

/**
 * Doc changes from elsewhere that have not reached the store yet: the changed Y types and
 * keys of several transactions, merged. Only where they changed is kept, not what to: the
 * binding reads the values from the doc when it merges, so the latest ones land.
 */
export class PendingRemoteChanges {
  private changed = new Map<Y.AbstractType<unknown>, ReadonlySet<string | null>>()
  /** Key sets made here (the others belong to Yjs transactions and are only read). */
  private owned = new WeakSet<ReadonlySet<string | null>>()

  get isEmpty(): boolean {
    return this.changed.size === 0
  }

  /** Adds one transaction's `changed`. */
  add(changed: ChangedTypes): void {
    for (const [type, keys] of changed) {
      const known = this.changed.get(type)
      if (known === undefined) {
        this.changed.set(type, keys)
      } else if (this.owned.has(known)) {
        for (const key of keys) (known as Set<string | null>).add(key)
      } else {
        const merged = new Set(known)
        for (const key of keys) merged.add(key)
        this.owned.add(merged)
        this.changed.set(type, merged)
      }
    }
  }

  /** Everything added so far; starts empty again. */
  take(): ChangedTypes {
    const changed = this.changed
    this.changed = new Map()
    return changed
  }

  clear(): void {
    this.changed = new Map()
  }
}
