import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as bc from 'lib0/broadcastchannel'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import { shareWholeBoardWithListeningTabsOnly } from '../../client/src/sync/crossTabState'

// Two providers in one page stand for two tabs: lib0's broadcast channel hands a message to
// every other subscriber of the board's channel, in this page and in other tabs alike.

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

let boards = 0

/** A tab's board connection as boardConnection.ts opens it, holding `notes` notes of its own. */
function tab(board: string, notes: number, name: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (let i = 0; i < notes; i++) doc.getMap('records').set(`shape:${name}${i}`, { text: `${name} ${i}` })
  })
  // Nothing listens on port 9: the websocket never connects, only the tabs talk.
  const provider = new WebsocketProvider('ws://127.0.0.1:9', board, doc, { connect: false, disableBc: true })
  shareWholeBoardWithListeningTabsOnly(provider)
  cleanups.push(() => {
    provider.destroy()
    doc.destroy()
  })
  return { doc, provider }
}

/** What goes over the board's channel: y-websocket message type, and the sync message type for sync messages. */
function listen(board: string): string[] {
  const seen: string[] = []
  const room = `ws://127.0.0.1:9/${board}`
  const sub = (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const type = decoding.readVarUint(decoder)
    seen.push(type === 0 ? ['sync step 1', 'sync step 2', 'update'][decoding.readVarUint(decoder)]! : type === 1 ? 'awareness' : type === 3 ? 'query awareness' : String(type))
  }
  bc.subscribe(room, sub)
  cleanups.push(() => bc.unsubscribe(room, sub))
  return seen
}

function turnOn(provider: WebsocketProvider): void {
  provider.disableBc = false
  provider.connectBc()
}

describe('cross-tab sync sends the whole board only to tabs that listen', () => {
  it('alone: announces itself without encoding the board', () => {
    const board = `board-${++boards}`
    const seen = listen(board)
    const { provider } = tab(board, 50, 'a')
    turnOn(provider)
    expect(provider.bcconnected).toBe(true)
    expect(seen).toEqual(['sync step 1', 'query awareness', 'awareness'])
    // A reconnect of the websocket reconnects the channel: still nothing whole.
    provider.connectBc()
    expect(seen).not.toContain('sync step 2')
  })

  it('stays off while disabled, as y-websocket does', () => {
    const board = `board-${++boards}`
    const seen = listen(board)
    const { provider } = tab(board, 5, 'a')
    provider.connectBc()
    expect(provider.bcconnected).toBe(false)
    expect(seen).toEqual([])
  })

  it('two tabs, each with notes of its own, end up with the same board', () => {
    const board = `board-${++boards}`
    const first = tab(board, 20, 'a')
    turnOn(first.provider)
    const second = tab(board, 5, 'b')
    turnOn(second.provider)
    expect(first.doc.getMap('records').size).toBe(25)
    expect(second.doc.getMap('records').toJSON()).toEqual(first.doc.getMap('records').toJSON())

    // Edits travel as updates, as before.
    second.doc.getMap('records').set('shape:new', { text: '新想法' })
    expect(first.doc.getMap('records').get('shape:new')).toEqual({ text: '新想法' })
  })

  it('a tab that opens later gets the board from the open ones, and they get its notes', () => {
    const board = `board-${++boards}`
    const first = tab(board, 10, 'a')
    const second = tab(board, 3, 'b')
    turnOn(first.provider)
    turnOn(second.provider)
    const third = tab(board, 4, 'c')
    turnOn(third.provider)
    for (const each of [first, second, third]) expect(each.doc.getMap('records').size).toBe(17)
  })

  it('after the channel was off (a reconnect), tabs catch up on what changed meanwhile', () => {
    const board = `board-${++boards}`
    const first = tab(board, 2, 'a')
    const second = tab(board, 2, 'b')
    turnOn(first.provider)
    turnOn(second.provider)
    first.provider.disconnectBc()
    first.doc.getMap('records').set('shape:offline', { text: '離線' })
    second.doc.getMap('records').set('shape:other', { text: '另一分頁' })
    expect(second.doc.getMap('records').has('shape:offline')).toBe(false)
    first.provider.connectBc()
    expect(second.doc.getMap('records').get('shape:offline')).toEqual({ text: '離線' })
    expect(first.doc.getMap('records').get('shape:other')).toEqual({ text: '另一分頁' })
  })
})
