import { onTestFinished } from 'vitest'
import { MemoryPersistence, MemoryStore } from '../../server/persistence/memory'
import type { PersistenceAdapter } from '../../server/persistence/adapter'
import { runPersistenceContract } from './contract'

runPersistenceContract('memory', () => {
  const store = new MemoryStore()
  let failCompaction = false
  const opened: PersistenceAdapter[] = []
  onTestFinished(async () => {
    for (const adapter of opened) await adapter.close()
  })
  return {
    async open() {
      const adapter = new MemoryPersistence({
        store,
        beforeCompactionCommit: () => {
          if (failCompaction) throw new Error('injected compaction failure')
        },
      })
      opened.push(adapter)
      return adapter
    },
    async injectCompactionFailure() {
      failCompaction = true
      return async () => {
        failCompaction = false
      }
    },
  }
})
