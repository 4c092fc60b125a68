/**
 * A check that a Yjs (v1) update parses to its end, without building it. `Y.decodeUpdate`
 * answers the same question but allocates every item, id and value; `Y.applyUpdate` then
 * parses the whole update again. This walks the bytes once and allocates nothing, so the
 * "fully parsed before it touches the doc" guarantee costs a fraction of an apply
 * (docs/performance.md, hot spot 7).
 *
 * Why it is enough: `Y.applyUpdate` reads all structs before it integrates any, then reads
 * and applies the delete set range by range. A delete set that breaks off part-way is the
 * one way a garbled update could half-touch a document, and this scan reads it whole.
 * The layout is Yjs' UpdateEncoderV1 (lazyStructReaderGenerator, readDeleteSet, the
 * content readers) and lib0's `writeAny`; reads past the end fail here even where lib0
 * would read `undefined`.
 */

import { isUtf8 } from 'node:buffer'

/** What the scan learnt besides "it parses". */
export interface ScannedUpdate {
  /** No structs and no deletions: applying it changes nothing (a handshake's empty step 2). */
  empty: boolean
}

/** Content refs (Item info & 0b11111): 1 Deleted … 9 Doc; 0 is GC and 10 Skip, both no content. */
const CONTENT_JSON = 2
const CONTENT_EMBED = 5
const CONTENT_FORMAT = 6
const CONTENT_TYPE = 7
const CONTENT_DOC = 9
/** typeRefs of YXmlElement and YXmlHook, the two types that carry a name. */
const XML_ELEMENT = 3
const XML_HOOK = 5
const TYPE_REFS = 7
/** Nested `any` values deeper than this are refused (lib0 would recurse until the stack ends). */
const MAX_ANY_DEPTH = 1000

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

class Scanner {
  pos = 0
  constructor(readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.pos >= this.bytes.length
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('Unexpected end of array')
    return this.bytes[this.pos++]!
  }

  varUint(): number {
    let num = 0
    let mult = 1
    for (;;) {
      const r = this.byte()
      num += (r & 0x7f) * mult
      if (r < 0x80) return num
      mult *= 128
      if (num > Number.MAX_SAFE_INTEGER) throw new Error('Integer out of range')
    }
  }

  varInt(): void {
    let r = this.byte()
    while (r >= 0x80) r = this.byte()
  }

  advance(length: number): void {
    if (length > this.bytes.length - this.pos) throw new Error('Unexpected end of array')
    this.pos += length
  }

  /** Skips a length-prefixed byte string (buffers). */
  skipVarBytes(): void {
    this.advance(this.varUint())
  }

  /** Skips a length-prefixed string; lib0 decodes strings strictly, so invalid UTF-8 fails here too. */
  skipString(): void {
    const length = this.varUint()
    const start = this.pos
    this.advance(length)
    if (!isUtf8(this.bytes.subarray(start, start + length))) throw new Error('The encoded data was not valid for encoding utf-8')
  }

  /** A length-prefixed UTF-8 string, decoded (only where Yjs parses it as JSON). */
  string(): string {
    const length = this.varUint()
    const start = this.pos
    this.advance(length)
    return utf8.decode(this.bytes.subarray(start, start + length))
  }

  any(depth = 0): void {
    if (depth > MAX_ANY_DEPTH) throw new Error('Value nested too deeply')
    const tag = this.byte()
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return
      case 125:
        return this.varInt()
      case 124:
        return this.advance(4)
      case 123:
      case 122:
        return this.advance(8)
      case 119:
        return this.skipString()
      case 116: // Uint8Array
        return this.skipVarBytes()
      case 118: {
        const entries = this.varUint()
        for (let i = 0; i < entries; i++) {
          this.skipString()
          this.any(depth + 1)
        }
        return
      }
      case 117: {
        const length = this.varUint()
        for (let i = 0; i < length; i++) this.any(depth + 1)
        return
      }
      default:
        throw new Error(`Unknown value tag ${tag}`)
    }
  }
}

/** Throws (an Error saying what was wrong) unless `update` is a complete Yjs v1 update. */
export function scanUpdate(update: Uint8Array): ScannedUpdate {
  const s = new Scanner(update)
  let structs = 0
  const clients = s.varUint()
  for (let c = 0; c < clients; c++) {
    const count = s.varUint()
    s.varUint() // client
    s.varUint() // clock
    structs += count
    for (let i = 0; i < count; i++) scanStruct(s)
  }
  let deletions = 0
  const deleteClients = s.varUint()
  for (let c = 0; c < deleteClients; c++) {
    s.varUint() // client
    const ranges = s.varUint()
    deletions += ranges
    for (let i = 0; i < ranges; i++) {
      s.varUint() // clock
      s.varUint() // length
    }
  }
  return { empty: structs === 0 && deletions === 0 }
}

function scanStruct(s: Scanner): void {
  const info = s.byte()
  const ref = info & 0x1f
  if (info === 10 || ref === 0) {
    s.varUint() // Skip or GC: a length
    return
  }
  if (ref === 10) throw new Error(`Unexpected struct info ${info}`)
  const hasOrigin = (info & 0x80) !== 0
  const hasRightOrigin = (info & 0x40) !== 0
  if (hasOrigin) {
    s.varUint()
    s.varUint()
  }
  if (hasRightOrigin) {
    s.varUint()
    s.varUint()
  }
  if (!hasOrigin && !hasRightOrigin) {
    if (s.varUint() === 1) s.skipString() // parent by name
    else {
      s.varUint()
      s.varUint()
    }
    if ((info & 0x20) !== 0) s.skipString() // parentSub
  }
  scanContent(s, ref)
}

function scanContent(s: Scanner, ref: number): void {
  switch (ref) {
    case 1: // Deleted: a length
      s.varUint()
      return
    case CONTENT_JSON: {
      const length = s.varUint()
      for (let i = 0; i < length; i++) {
        const json = s.string()
        if (json !== 'undefined') JSON.parse(json)
      }
      return
    }
    case 3: // Binary
      s.skipVarBytes()
      return
    case 4: // String
      s.skipString()
      return
    case CONTENT_EMBED:
      JSON.parse(s.string())
      return
    case CONTENT_FORMAT:
      s.skipString()
      JSON.parse(s.string())
      return
    case CONTENT_TYPE: {
      const typeRef = s.varUint()
      if (typeRef >= TYPE_REFS) throw new Error(`Unknown type ref ${typeRef}`)
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) s.skipString()
      return
    }
    case 8: {
      // Any
      const length = s.varUint()
      for (let i = 0; i < length; i++) s.any()
      return
    }
    case CONTENT_DOC: {
      s.skipString() // guid
      // Yjs reads the options' fields, so null or undefined options fail there.
      const tag = s.bytes[s.pos]
      if (tag === 126 || tag === 127) throw new Error('Subdocument options are missing')
      s.any()
      return
    }
    default:
      throw new Error(`Unknown content ref ${ref}`)
  }
}
