import type { PersistenceAdapter } from '../../server/persistence/adapter'

/** A storage backend whose writes can be switched to failing, like a full disk or a lost database. */
export interface FaultyPersistence {
  adapter: PersistenceAdapter
  /** While true, appendUpdate and compact reject (async backends) and nothing is written. */
  failWrites: boolean
  /** Attempts refused so far. */
  refused: number
  /** Documents loaded so far, by id (to check that nothing was loaded). */
  loads: string[]
}

/**
 * Wraps `inner` so every method passes through, except that writes fail while `failWrites`
 * is set, and loads are recorded. A Proxy, so methods the adapter gains later pass through too.
 */
export function faultyPersistence(inner: PersistenceAdapter): FaultyPersistence {
  const state: FaultyPersistence = { adapter: inner, failWrites: false, refused: 0, loads: [] }
  state.adapter = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (typeof value !== 'function') return value
      if (property === 'appendUpdate' || property === 'compact') {
        // While writes work, a synchronous backend stays synchronous; a failing write
        // rejects, as an asynchronous backend (PostgreSQL) does.
        return (...args: unknown[]) => {
          if (state.failWrites) {
            state.refused++
            return Promise.reject(new Error('Storage unavailable (simulated): no space left on device'))
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      }
      if (property === 'load') {
        return (...args: unknown[]) => {
          state.loads.push(String(args[0]))
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      }
      return (value as (...a: unknown[]) => unknown).bind(target)
    },
  })
  return state
}
