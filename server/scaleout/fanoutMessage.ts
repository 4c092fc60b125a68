import type { BoardDocKind } from '../../shared/access/roles'

/**
 * One message between server instances on a board's pub/sub channel, binary so updates
 * travel without base64: `version, type, docKind, seq (float64), instanceId, boardId, payload`
 * (the two strings as `uint8 length + UTF-8`).
 */
export type FanoutMessage =
  | { type: 'update'; instanceId: string; boardId: string; kind: BoardDocKind; seq: number; payload: Uint8Array }
  | { type: 'awareness'; instanceId: string; boardId: string; kind: BoardDocKind; payload: Uint8Array }
  /** A room just loaded on `instanceId`: the others answer with the awareness states they hold. */
  | { type: 'awareness-query'; instanceId: string; boardId: string; kind: BoardDocKind }

const VERSION = 1
const TYPES = ['update', 'awareness', 'awareness-query'] as const
const KINDS: readonly BoardDocKind[] = ['board', 'session']
const HEADER = 11

/** Encodes a message for `PUBLISH`. */
export function encodeFanoutMessage(message: FanoutMessage): Buffer {
  const instance = Buffer.from(message.instanceId, 'utf8')
  const board = Buffer.from(message.boardId, 'utf8')
  if (instance.length > 255 || board.length > 255) throw new Error('Instance and board ids must fit 255 bytes.')
  const payload = message.type === 'awareness-query' ? new Uint8Array(0) : message.payload
  const out = Buffer.allocUnsafe(HEADER + 2 + instance.length + board.length + payload.byteLength)
  out[0] = VERSION
  out[1] = TYPES.indexOf(message.type)
  out[2] = KINDS.indexOf(message.kind)
  out.writeDoubleBE(message.type === 'update' ? message.seq : 0, 3)
  let at = HEADER
  out[at++] = instance.length
  at += instance.copy(out, at)
  out[at++] = board.length
  at += board.copy(out, at)
  out.set(payload, at)
  return out
}

/** Decodes a received message; null for anything this version does not understand (a newer instance's). */
export function decodeFanoutMessage(data: Buffer): FanoutMessage | null {
  if (data.length < HEADER + 2 || data[0] !== VERSION) return null
  const type = TYPES[data[1]!]
  const kind = KINDS[data[2]!]
  if (type === undefined || kind === undefined) return null
  const seq = data.readDoubleBE(3)
  let at = HEADER
  const instanceLength = data[at++]!
  const instanceId = data.toString('utf8', at, at + instanceLength)
  at += instanceLength
  const boardLength = data[at++] ?? 0
  const boardId = data.toString('utf8', at, at + boardLength)
  at += boardLength
  if (at > data.length) return null
  const payload = new Uint8Array(data.buffer, data.byteOffset + at, data.length - at)
  if (type === 'update') return { type, instanceId, boardId, kind, seq, payload }
  if (type === 'awareness') return { type, instanceId, boardId, kind, payload }
  return { type, instanceId, boardId, kind }
}
