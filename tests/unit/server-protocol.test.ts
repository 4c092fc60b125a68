import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import {
  decodeClientMessage,
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from '../../server/rooms/protocol'

function realUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('notes').set('need', '需求')
  return Y.encodeStateAsUpdate(doc)
}

describe('y-websocket message decoding', () => {
  it('round-trips every message kind the server accepts', () => {
    const update = realUpdate()
    const sv = Y.encodeStateVector(new Y.Doc())
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awareness.setLocalState({ user: { name: '小華' } })
    const presence = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])
    awareness.destroy()

    expect(decodeClientMessage(encodeSyncStep1(sv))).toEqual({ kind: 'sync-step1', stateVector: sv })
    expect(decodeClientMessage(encodeSyncStep2(update))).toEqual({ kind: 'sync-step2', update })
    expect(decodeClientMessage(encodeSyncUpdate(update))).toEqual({ kind: 'sync-update', update })
    expect(decodeClientMessage(encodeAwareness(presence))).toEqual({ kind: 'awareness', update: presence })
    expect(decodeClientMessage(encodeQueryAwareness())).toEqual({ kind: 'query-awareness' })
    expect(decodeClientMessage(Uint8Array.from([2, 0, 3, 97, 98, 99]))).toEqual({ kind: 'auth' })
  })

  it.each([
    ['an empty frame', [], CloseCode.malformedMessage],
    ['a truncated varint', [0x80], CloseCode.malformedMessage],
    ['a sync message without payload', [0, 2], CloseCode.malformedMessage],
    ['a payload length beyond the frame', [0, 2, 9, 1, 2], CloseCode.malformedMessage],
    ['a garbled Yjs update', [0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff], CloseCode.malformedMessage],
    ['a garbled sync step 2', [0, 1, 3, 1, 2, 3], CloseCode.malformedMessage],
    ['a garbled state vector', [0, 0, 2, 0x80, 0x80], CloseCode.malformedMessage],
    ['trailing bytes after a message', [3, 0], CloseCode.malformedMessage],
    ['an unknown message type', [7], CloseCode.unknownMessageType],
    ['an unknown sync message type', [0, 9, 0], CloseCode.unknownMessageType],
  ])('refuses %s with close code %i', (_name, bytes, code) => {
    let caught: unknown
    try {
      decodeClientMessage(Uint8Array.from(bytes))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ProtocolError)
    expect((caught as ProtocolError).closeCode).toBe(code)
  })
})
