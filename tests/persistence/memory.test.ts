import { onTestFinished } from 'vitest'
import { MemoryPersistence, MemoryStore } from '../../server/persistence/memory'
import type { PersistenceAdapter } from '../../server/persistence/adapter'
import { runPersistenceContract } from './contract'

runPersistenceContract('memory', () => {
  const store = new MemoryStore()
  let failCompaction = false
  let failAppendsTo: string | null = null
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
        beforeAppend: (docId) => {
          if (docId === failAppendsTo) throw new Error('injected append failure')
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
    async injectAppendFailure(docId) {
      failAppendsTo = docId
      return async () => {
        failAppendsTo = null
      }
    },
  }
})
