/**
 * The y-websocket wire protocol as pure encode/decode functions. One websocket binary
 * frame carries one message: `varUint messageType` then the payload (docs/protocol.md).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { scanUpdate } from './updateScan'

/** Top-level message types, as the y-websocket client numbers them. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncMessageType = { step1: 0, step2: 1, update: 2 } as const

/** A decoded message from a client. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'auth' }
  | { kind: 'query-awareness' }

/** A frame the server refuses; `closeCode` is what the socket is closed with. */
export class ProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message)
    this.name = 'ProtocolError'
  }
}

/** Decodes one binary frame; throws ProtocolError (4401 undecodable, 4402 unknown type). */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame)
  const type = decodePart(() => decoding.readVarUint(decoder), 'message type')
  switch (type) {
    case MessageType.sync:
      return decodeSync(decoder)
    case MessageType.awareness: {
      const update = decodePart(() => decoding.readVarUint8Array(decoder), 'awareness update')
      expectEnd(decoder)
      return { kind: 'awareness', update }
    }
    case MessageType.auth:
      // The client never sends auth messages; the server ignores their content.
      return { kind: 'auth' }
    case MessageType.queryAwareness:
      expectEnd(decoder)
      return { kind: 'query-awareness' }
    default:
      throw new ProtocolError(CloseCode.unknownMessageType, `Unknown message type ${type}; expected 0 to 3.`)
  }
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
  const step = decodePart(() => decoding.readVarUint(decoder), 'sync message type')
  const payload = decodePart(() => decoding.readVarUint8Array(decoder), 'sync payload')
  expectEnd(decoder)
  switch (step) {
    case SyncMessageType.step1:
      decodePart(() => Y.decodeStateVector(payload), 'state vector')
      return { kind: 'sync-step1', stateVector: payload }
    case SyncMessageType.step2:
      assertDecodableUpdate(payload)
      return { kind: 'sync-step2', update: payload }
    case SyncMessageType.update:
      assertDecodableUpdate(payload)
      return { kind: 'sync-update', update: payload }
    default:
      throw new ProtocolError(CloseCode.unknownMessageType, `Unknown sync message type ${step}; expected 0 to 2.`)
  }
}

/**
 * Parses a Yjs update fully before it touches a doc, so a garbled one is refused whole. A
 * scan without allocation, not `Y.decodeUpdate`: the apply parses it again anyway.
 */
function assertDecodableUpdate(update: Uint8Array): void {
  decodePart(() => scanUpdate(update), 'Yjs update')
}

function decodePart<T>(read: () => T, what: string): T {
  try {
    return read()
  } catch (error) {
    throw new ProtocolError(
      CloseCode.malformedMessage,
      `Could not decode the ${what}: ${error instanceof Error ? error.message : String(error)}.`,
    )
  }
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) {
    throw new ProtocolError(CloseCode.malformedMessage, 'The frame has bytes after the end of its message.')
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncMessageType.step1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

/** Sync step 2: the update answering a step 1. The client reports `synced` on receiving it. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncMessageType.step2)
    encoding.writeVarUint8Array(e, update)
  })
}

/** A live document update. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncMessageType.update)
    encoding.writeVarUint8Array(e, update)
  })
}

/** An awareness update (y-protocols/awareness encoding). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, update)
  })
}

/** A query-awareness request (what a client may send; used by tests). */
export function encodeQueryAwareness(): Uint8Array {
  return frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness))
}
