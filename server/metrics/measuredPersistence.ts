import type { PersistenceAdapter } from '../persistence/adapter'
import type { ServerMetrics } from './serverMetrics'

const MEASURED = { load: 'load', appendUpdate: 'append', compact: 'compact', readUpdatesAfter: 'read' } as const

/**
 * The same adapter, timing its document operations into the persistence histogram and
 * counting appended updates and compactions. Every other method passes through untouched,
 * so the adapter interface can grow without this wrapper knowing.
 */
export function measuredPersistence<T extends PersistenceAdapter>(adapter: T, metrics: ServerMetrics): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      const operation = MEASURED[property as keyof typeof MEASURED] as string | undefined
      if (!operation) return value.bind(target)
      return (...args: unknown[]) => {
        const stop = metrics.persistenceSeconds.startTimer({ operation })
        const done = (ok: boolean) => {
          stop()
          if (property === 'appendUpdate' && ok) metrics.updatesPersisted.inc()
          if (property === 'compact') metrics.compactions.inc({ result: ok ? 'ok' : 'failed' })
        }
        let result: unknown
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args)
        } catch (error) {
          done(false)
          throw error
        }
        // An adapter may answer a plain number (memory) or a promise (SQLite and PostgreSQL queue their writes): time both.
        if (!(result instanceof Promise)) {
          done(true)
          return result
        }
        return result.then(
          (v: unknown) => {
            done(true)
            return v
          },
          (error: unknown) => {
            done(false)
            throw error
          },
        )
      }
    },
  })
}
