import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'

/** One generated frame and what the server must do with it. */
export interface FuzzFrame {
  /** Generator family, for the report. */
  family: string
  /** A text frame (string) or a binary one. */
  data: string | Uint8Array
  /**
   * The close code the server must answer with; `null` when the family may produce a
   * message that is well-formed by chance (random bytes), so closing with any documented
   * bad-frame code or staying open are both right.
   */
  expected: number | null
}

/** Close codes a bad frame may get (docs/protocol.md). */
export const BAD_FRAME_CODES: readonly number[] = [
  CloseCode.textFrame,
  CloseCode.malformedMessage,
  CloseCode.unknownMessageType,
  CloseCode.messageTooLarge,
]

function varUint(n: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, n)
  return encoding.toUint8Array(encoder)
}

function concat(...parts: Array<Uint8Array | number[]>): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.length, 0)
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A real update of a workshop board, for mutation (flipped and cut bytes). */
function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('notes').set('persona', { name: '林小姐', pains: ['排隊太久', 'forms'] })
  doc.getText('minutes').insert(0, '資料申請小幫手 data request helper')
  doc.getMap('notes').delete('persona')
  doc.getMap('notes').set('journey', { stages: 5 })
  return Y.encodeStateAsUpdate(doc)
}

/** The frame families of the fuzz test; `maxPayload` is the server's MAX_PAYLOAD_BYTES. */
export function fuzzFrameArbitrary(maxPayload: number): fc.Arbitrary<FuzzFrame> {
  const bytes = (maxLength: number) => fc.uint8Array({ maxLength })
  const real = sampleUpdate()
  const continuation = fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => a.map((b) => b | 0x80))
  return fc.oneof(
    { weight: 4, arbitrary: bytes(64).map((data) => ({ family: 'random bytes', data, expected: null })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom<number[]>([], [0], [0, 0], [0, 1], [0, 2], [1]), continuation)
        .map(([prefix, rest]) => ({ family: 'truncated varint', data: concat(prefix, rest), expected: CloseCode.malformedMessage })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom<number[]>([0, 0], [0, 1], [0, 2], [1]), fc.integer({ min: 65, max: 2 ** 31 }), bytes(64))
        .filter(([, length, rest]) => length > rest.length)
        .map(([prefix, length, rest]) => ({
          family: 'huge declared length',
          data: concat(prefix, varUint(length), rest),
          expected: CloseCode.malformedMessage,
        })),
    },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(0, 1, 2), bytes(48)).map(([step, garbage]) => ({
        family: 'sync header, garbage payload',
        data: concat([0, step], varUint(garbage.length), garbage),
        expected: null,
      })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(real.length))
        .map(([flips, cut]) => {
          const mutated = real.slice(0, Math.max(1, cut))
          for (const [at, xor] of flips) if (at < mutated.length) mutated[at] = mutated[at]! ^ xor
          return {
            family: 'mutated real update',
            data: concat([0, 2], varUint(mutated.length), mutated),
            expected: null,
          }
        }),
    },
    {
      weight: 2,
      arbitrary: fc.string({ maxLength: 40 }).map((data) => ({ family: 'text frame', data, expected: CloseCode.textFrame })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.integer({ min: 4, max: 2 ** 31 }), bytes(16)).map(([type, rest]) => ({
        family: 'unknown message type',
        data: concat(varUint(type), rest),
        expected: CloseCode.unknownMessageType,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 3, max: 2 ** 20 }).map((step) => ({
        family: 'unknown sync step',
        data: concat([0], varUint(step), [0]),
        expected: CloseCode.unknownMessageType,
      })),
    },
    {
      weight: 2,
      arbitrary: bytes(32).map((garbage) => ({
        family: 'awareness header, garbage payload',
        data: concat([1], varUint(garbage.length), garbage),
        expected: null,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((extra) => ({
        family: 'trailing bytes after a valid message',
        data: concat([0, 0, 0], extra),
        expected: CloseCode.malformedMessage,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 256 }).map((over) => ({
        family: 'oversized frame',
        data: concat([0, 2], new Uint8Array(maxPayload + over - 2)),
        expected: CloseCode.messageTooLarge,
      })),
    },
  )
}

/** `count` frames from `seed`: the same seed always gives the same frames. */
export function generateFuzzFrames(count: number, seed: number, maxPayload: number): FuzzFrame[] {
  return fc.sample(fuzzFrameArbitrary(maxPayload), { seed, numRuns: count })
}
