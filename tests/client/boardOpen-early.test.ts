import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BoardConnection, BoardConnectionKey } from '../../client/src/sync/loadGate'

type LoadGate = typeof import('../../client/src/sync/loadGate')

// Board open: the page's entry opens the board's connection while the board page's code loads;
// the board page takes it over only if it is for the same board, server and token.
describe('early board connection', () => {
  let gate: LoadGate
  const toClose: BoardConnection[] = []
  // Nothing listens on port 9: these tests never need a server.
  const key: BoardConnectionKey = { boardId: 'AbCdEfGhIjKlMnOpQrStUv', serverUrl: 'ws://127.0.0.1:9/ws', token: 't1' }

  beforeEach(async () => {
    // Fresh module state (the early slot) for every test.
    vi.resetModules()
    gate = await import('../../client/src/sync/loadGate')
  })
  afterEach(() => {
    toClose.splice(0).forEach((connection) => connection.destroy())
    vi.useRealTimers()
  })

  const start = (unclaimedMs?: number) => {
    const connection = gate.startEarlyBoardConnection(key, unclaimedMs)
    if (connection) toClose.push(connection)
    return connection
  }
  /** Closed by the module (destroy() disconnects for good). */
  const isClosed = (connection: BoardConnection) => connection.provider.shouldConnect === false

  it('hands the page the connection opened for the same board, once', () => {
    const early = start()!
    expect(early.provider.roomname).toBe(key.boardId)
    expect(early.provider.url).toContain('token=t1')
    expect(gate.takeEarlyBoardConnection({ ...key })).toBe(early)
    expect(isClosed(early)).toBe(false)
    expect(gate.takeEarlyBoardConnection({ ...key })).toBeNull()
  })

  it('closes it instead when the page opens another token', () => {
    const early = start()!
    expect(gate.takeEarlyBoardConnection({ ...key, token: 't2' })).toBeNull()
    expect(isClosed(early)).toBe(true)
  })

  it('closes it when the server ended it for good before the page came', () => {
    const early = start()!
    // What y-websocket emits on a terminal close (e.g. a refused token).
    early.provider.emit('closed', [{ code: 4403, reason: 'token replaced' }, early.provider])
    expect(gate.takeEarlyBoardConnection(key)).toBeNull()
    expect(isClosed(early)).toBe(true)
  })

  it("opens none once the page has asked (it would only duplicate the page's own)", () => {
    expect(gate.takeEarlyBoardConnection(key)).toBeNull()
    expect(start()).toBeNull()
  })

  it('closes an unclaimed one after a while', () => {
    vi.useFakeTimers()
    const early = start(1000)!
    vi.advanceTimersByTime(999)
    expect(isClosed(early)).toBe(false)
    vi.advanceTimersByTime(2)
    expect(isClosed(early)).toBe(true)
    expect(gate.takeEarlyBoardConnection(key)).toBeNull()
  })
})
