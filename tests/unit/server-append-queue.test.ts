import { describe, expect, it } from 'vitest'
import { AppendQueue, type FlushTiming, type QueuedAppend } from '../../server/persistence/appendQueue'

/** A backend that commits every batch at once, seqs counting up, and records the batches. */
function backend(): { batches: string[][]; commit: (appends: QueuedAppend[]) => void } {
  const batches: string[][] = []
  let seq = 0
  return {
    batches,
    commit(appends) {
      batches.push(appends.map((append) => `${append.docId}:${append.update[0]}`))
      for (const append of appends) append.resolve(++seq)
    },
  }
}

describe('AppendQueue', () => {
  it.each<[FlushTiming, string[]]>([
    // A callback queued before the appends (another message of a backlog) runs first.
    ['end-of-tick', ['earlier callback', 'stored 1, 2']],
    // Stored as soon as the code that made the appends has run.
    ['end-of-task', ['stored 1, 2', 'earlier callback']],
  ])('%s: %j', async (timing, expected) => {
    const { batches, commit } = backend()
    const queue = new AppendQueue(commit, timing)
    const order: string[] = []
    const earlier = new Promise<void>((resolve) =>
      setImmediate(() => {
        order.push('earlier callback')
        resolve()
      }),
    )
    const stored = Promise.all([queue.add('doc-a', Uint8Array.of(1)), queue.add('doc-b', Uint8Array.of(2))]).then((seqs) =>
      order.push(`stored ${seqs.join(', ')}`),
    )
    // Nothing is committed while the code that appends runs.
    expect(batches).toEqual([])
    await Promise.all([earlier, stored])
    expect(order).toEqual(expected)
    // Appends made together go as one batch, in call order.
    expect(batches).toEqual([['doc-a:1', 'doc-b:2']])
  })

  it('keeps a copy of each update, and flush hands over what is queued at once', () => {
    const { batches, commit } = backend()
    const queue = new AppendQueue(commit, 'end-of-task')
    const update = Uint8Array.of(7)
    void queue.add('doc-a', update)
    update[0] = 9
    queue.flush()
    expect(batches).toEqual([['doc-a:7']])
    queue.flush()
    expect(batches).toHaveLength(1)
  })
})
