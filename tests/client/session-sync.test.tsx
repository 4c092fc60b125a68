import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { readSessionState } from '../../client/src/session/useSessionState'
import { writeStep, writeTimer } from '../../client/src/session/sessionWrites'
import { startTimer } from '../../shared/session/timer'
import { createBoardOutsideTheDom, mountSync, postOutsideTheDom, serveBoardsForTests } from '../support/boardSyncHarness'
import { waitFor } from '../support/waitFor'

const boards = serveBoardsForTests('session-sync')

/** The board's sync hook for one person, on `host` (another name for the same server keeps y-websocket's BroadcastChannel out). */
const mountPerson = (boardId: string, name: string, token: string, host = '127.0.0.1') => mountSync(boardId, name, boards.wsUrl(host), token)

describe('the session doc next to the board', () => {
  it("carries the facilitator's step and timer to a participant; the participant's own writes go nowhere", async () => {
    const board = await createBoardOutsideTheDom(boards.port)
    const fay = mountPerson(board.id, 'fay', board.tokens.facilitator)
    // Another host name for the same server: y-websocket's BroadcastChannel between clients in one
    // window is keyed by URL, so the participant's updates can only reach others through the server.
    const pat = mountPerson(board.id, 'pat', board.tokens.participant, 'localhost')
    try {
      const faySync = await waitFor('facilitator ready', fay.ready)
      const patSync = await waitFor('participant ready', pat.ready)
      expect(faySync.loadedFrom).toBe('server')
      await waitFor('session docs synced', () => faySync.sessionProvider.synced && patSync.sessionProvider.synced)
      expect(faySync.sessionProvider.url).toContain(`/ws/${board.id}/session?token=`)

      writeStep(faySync.sessionDoc, 'ideate', 1234)
      writeTimer(faySync.sessionDoc, startTimer(60_000, 5000))
      // Two writes, two messages: wait for both (the timer's may arrive a task after the step's).
      await waitFor('step and timer at the participant', () => {
        const state = readSessionState(patSync.sessionDoc)
        return state.step === 'ideate' && state.timer.state === 'running'
      })
      expect(readSessionState(patSync.sessionDoc)).toMatchObject({ stepSetAt: 1234, timer: { state: 'running', endsAt: 65_000 } })

      // A participant's client writing the session (a tampered one) changes nothing for others.
      writeStep(patSync.sessionDoc, 'test', 9999)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(readSessionState(faySync.sessionDoc).step).toBe('ideate')
      const late = mountPerson(board.id, 'lee', board.tokens.viewer)
      try {
        const leeSync = await waitFor('late viewer ready', late.ready)
        await waitFor('late session synced', () => leeSync.sessionProvider.synced)
        await waitFor('late viewer sees the step', () => readSessionState(leeSync.sessionDoc).step === 'ideate')
      } finally {
        late.unmount()
      }
    } finally {
      fay.unmount()
      pat.unmount()
    }
  })

  it('tells the page once when new links make this one stop working', async () => {
    const board = await createBoardOutsideTheDom(boards.port)
    const pat = mountPerson(board.id, 'pat', board.tokens.participant)
    try {
      await waitFor('participant ready', pat.ready)
      // Answers 200 with the new links, or rejects.
      await postOutsideTheDom(boards.port, `/api/boards/${board.id}/tokens/rotate`, { bearer: board.tokens.facilitator })
      await waitFor('access lost', () => pat.lost.length > 0)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(pat.lost).toEqual([4403])
    } finally {
      pat.unmount()
    }
  })
})
