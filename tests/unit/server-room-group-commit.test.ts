import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { MemoryPersistence } from '../../server/persistence/memory'
import { deferred, MemoryClient, settle } from '../server/support/memoryClient'
import { withOverrides } from '../server/support/persistenceWrapper'
import { roomOn } from '../server/support/roomOn'

const BOARD = 'room-group-commit-01'

/** A backend whose every append waits for the test to let it through (or fail it), recording the calls. */
function gatedStorage() {
  const stored = new MemoryPersistence()
  const calls: Array<{ gate: ReturnType<typeof deferred<void>> }> = []
  const persistence = withOverrides(stored, {
    appendUpdate: (id, update) => {
      const call = { gate: deferred<void>() }
      calls.push(call)
      return call.gate.promise.then(() => stored.appendUpdate(id, update))
    },
  })
  const release = (from: number, to = calls.length) => calls.slice(from, to).forEach((c) => c.gate.resolve())
  return { stored, persistence, calls, release }
}


/** Which note each stored update adds, in seq order. */
async function notesInSeqOrder(stored: MemoryPersistence): Promise<string[]> {
  const doc = new Y.Doc()
  const order: string[] = []
  for (const u of (await stored.load(BOARD)).updates) {
    const before = new Set(doc.getMap('notes').keys())
    Y.applyUpdate(doc, u.data)
    order.push(...[...doc.getMap('notes').keys()].filter((k) => !before.has(k)))
  }
  return order
}

describe('BoardRoom group commit', () => {
  it('stores what arrives during an append as one batch, in order, relaying it only once all of it is stored', async () => {
    const { stored, persistence, calls, release } = gatedStorage()
    const room = roomOn(BOARD, persistence)
    const alice = new MemoryClient().join(room)
    const bob = new MemoryClient().join(room)
    await room.idle()
    await settle()

    alice.notes.set('a0', '填表太複雜')
    await settle()
    expect(calls).toHaveLength(1)
    // Three more while the first is being stored: handled, not yet sent to storage.
    alice.notes.set('a1', '不知道要帶什麼')
    alice.notes.set('a2', '排隊太久')
    bob.notes.set('b0', '線上預約')
    await settle()
    expect(calls).toHaveLength(1)
    expect(bob.notes.toJSON()).toEqual({ b0: '線上預約' })
    expect(alice.notes.get('b0')).toBeUndefined()

    release(0)
    await settle()
    expect(bob.notes.toJSON()).toEqual({ a0: '填表太複雜', b0: '線上預約' })
    // The three waiting updates went to storage together, as the next batch.
    expect(calls).toHaveLength(4)
    release(1, 3)
    await settle()
    expect(bob.notes.get('a1')).toBeUndefined()
    expect(alice.notes.get('b0')).toBeUndefined()

    release(3)
    await room.idle()
    await settle()
    expect(bob.notes.toJSON()).toEqual({ a0: '填表太複雜', a1: '不知道要帶什麼', a2: '排隊太久', b0: '線上預約' })
    expect(alice.notes.toJSON()).toEqual(bob.notes.toJSON())
    expect((await stored.load(BOARD)).updates.map((u) => u.seq)).toEqual([1, 2, 3, 4])
    expect(await notesInSeqOrder(stored)).toEqual(['a0', 'a1', 'a2', 'b0'])
  })

  it('relays nothing of a failed batch, closes the board with 4501 and starts no further batch', async () => {
    const { persistence, calls, release } = gatedStorage()
    const room = roomOn(BOARD, persistence)
    const alice = new MemoryClient().join(room)
    const bob = new MemoryClient().join(room)
    await room.idle()
    await settle()
    alice.notes.set('kept', 1)
    await settle()
    alice.notes.set('lost-1', 2)
    alice.notes.set('lost-2', 3)
    await settle()
    expect(calls).toHaveLength(1)
    release(0)
    await settle()
    expect(calls).toHaveLength(3)
    expect(bob.notes.toJSON()).toEqual({ kept: 1 })

    alice.notes.set('after', 4)
    calls[1]!.gate.resolve()
    calls[2]!.gate.reject(new Error('disk full'))
    await room.idle()
    await settle()
    expect(bob.notes.toJSON()).toEqual({ kept: 1 })
    expect(alice.closed?.code).toBe(CloseCode.storageFailed)
    expect(bob.closed?.code).toBe(CloseCode.storageFailed)
    expect(calls).toHaveLength(3)
    expect(room.isOpen).toBe(false)
  })

  it('runs use() and answers a sync step 1 only once everything applied before is stored', async () => {
    const { persistence, calls, release } = gatedStorage()
    const room = roomOn(BOARD, persistence)
    const alice = new MemoryClient().join(room)
    await room.idle()
    await settle()
    alice.notes.set('draft', '草稿')
    await settle()
    expect(calls).toHaveLength(1)

    let read: unknown = null
    const reading = room.use((doc) => {
      read = doc.getMap('notes').toJSON()
    })
    const carol = new MemoryClient().join(room)
    await settle()
    expect(read).toBeNull()
    expect(carol.received).toHaveLength(0)

    release(0)
    await reading
    await room.idle()
    await settle()
    expect(read).toEqual({ draft: '草稿' })
    expect(carol.contentAtSynced).toEqual({ draft: '草稿' })
  })
})
