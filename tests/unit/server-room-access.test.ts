import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { silentLogger } from '../../server/log'
import { MemoryPersistence } from '../../server/persistence/memory'
import { RoomRegistry } from '../../server/rooms/RoomRegistry'
import { MemoryClient, settle, type Joinable } from '../server/support/memoryClient'

const BOARD = 'room-access-board-001'

function registry(persistence = new MemoryPersistence()) {
  return new RoomRegistry({ persistence, log: silentLogger, compactAfterUpdates: 1000, compactAfterBytes: 1 << 30, unloadDelayMs: 10_000 })
}

/** Joins with an explicit generation (MemoryClient.join uses 1). */
function withGeneration(reg: RoomRegistry, generation: number): Joinable {
  return { connect: (socket, access) => reg.connect(BOARD, socket, { ...access, generation }) }
}

describe('rotation in the registry', () => {
  it('closes older participant and viewer connections with 4403 and refuses late ones, keeping the facilitator', async () => {
    const reg = registry()
    const participant = new MemoryClient().join(withGeneration(reg, 1), 'participant')
    const facilitator = new MemoryClient().join(withGeneration(reg, 1), 'facilitator')
    await reg.room(BOARD)!.idle()
    expect(await reg.revokeOlderTokens(BOARD, { facilitator: 1, participant: 2, viewer: 2 })).toBe(1)
    expect(participant.closed?.code).toBe(CloseCode.forbidden)
    expect(facilitator.closed).toBeNull()

    // A connection whose upgrade was checked just before the rotation finished.
    const late = new MemoryClient().join(withGeneration(reg, 1), 'viewer')
    expect(late.closed?.code).toBe(CloseCode.forbidden)
    const renewed = new MemoryClient().join(withGeneration(reg, 2), 'viewer')
    await reg.room(BOARD)!.idle()
    await settle()
    expect(renewed.closed).toBeNull()
    expect(renewed.synced).toBe(true)
  })
})

describe('role enforcement in a room', () => {
  it("stores a participant's update and drops a viewer's, on the board and the session doc", async () => {
    const persistence = new MemoryPersistence()
    const reg = registry(persistence)
    const viewer = new MemoryClient().join({ connect: (s, a) => reg.connect(BOARD, s, a) }, 'viewer')
    const participant = new MemoryClient().join({ connect: (s, a) => reg.connect(BOARD, s, a) }, 'participant')
    const sessionParticipant = new MemoryClient().join({ connect: (s, a) => reg.connect(BOARD, s, a, 'session') }, 'participant')
    viewer.notes.set('from-viewer', 1)
    participant.notes.set('from-participant', 2)
    sessionParticipant.doc.getMap('session').set('step', 'test')
    await reg.room(BOARD)!.idle()
    await reg.room(`${BOARD}:session`)!.idle()
    await settle()
    expect(reg.room(BOARD)!.doc.getMap('notes').toJSON()).toEqual({ 'from-participant': 2 })
    expect((await persistence.load(BOARD)).updates).toHaveLength(1)
    expect((await persistence.load(`${BOARD}:session`)).updates).toHaveLength(0)
    expect(viewer.notes.get('from-participant')).toBe(2)
    expect([viewer.closed, participant.closed, sessionParticipant.closed]).toEqual([null, null, null])
  })
})
