import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { enableCrossTabSync } from '../../client/src/sync/loadGate'

// Board open: y-websocket's cross-tab sync encodes and broadcasts the whole doc when it starts,
// so the board's provider starts it only once the board is shown (the browser next idle).
describe('cross-tab sync of a board starts after the board is shown', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

  function boardProvider(): WebsocketProvider {
    const doc = new Y.Doc()
    // Nothing listens on port 9: the test never needs the websocket itself.
    const provider = new WebsocketProvider('ws://127.0.0.1:9', 'board-x', doc, { connect: false, disableBc: true })
    cleanups.push(() => {
      provider.destroy()
      doc.destroy()
    })
    return provider
  }

  it('is off at connect and on once the idle callback runs', () => {
    const provider = boardProvider()
    provider.connectBc()
    expect(provider.bcconnected).toBe(false)

    let idle: (() => void) | null = null
    enableCrossTabSync(provider, (run) => {
      idle = run
      return () => {}
    })
    expect(provider.bcconnected).toBe(false)
    idle!()
    expect(provider.bcconnected).toBe(true)
    expect(provider.disableBc).toBe(false)
  })

  it('stays off when the board is closed before the browser was idle', () => {
    const provider = boardProvider()
    let idle: (() => void) | null = null
    let cancelled = false
    const cancel = enableCrossTabSync(provider, (run) => {
      idle = run
      return () => {
        cancelled = true
        idle = null
      }
    })
    cancel()
    expect(cancelled).toBe(true)
    expect(idle).toBeNull()
    expect(provider.bcconnected).toBe(false)
  })

  it('uses the browser idle callback by default', async () => {
    const provider = boardProvider()
    enableCrossTabSync(provider)
    expect(provider.bcconnected).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect(provider.bcconnected).toBe(true)
  })
})
