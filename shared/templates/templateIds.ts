import { createBindingId, createShapeId, type TLBindingId, type TLShapeId } from '@tldraw/tlschema'

// Templates are seeded by whichever facilitator client opens the empty board first; two may do
// it at the same moment. Every id is therefore derived from the board id, never random, so both
// clients write the same records and the Yjs doc converges to one copy.

/** The templates a board can be created from (the `template` of `POST /api/boards`). */
export const TEMPLATE_IDS = ['blank', 'five-step', 'data-request-helper', 'bus-arrival'] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]

/** True when `value` names a template. */
export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value)
}

/**
 * A short, stable hash of the board id (cyrb53, base 36): ids stay short and readable in the
 * doc, and records copied from another board's template never share ids with this board's.
 */
export function boardHash(boardId: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < boardId.length; i++) {
    const ch = boardId.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

/** The id prefix of one board's template records: `tpl-<hash>`. */
export function templatePrefix(boardId: string): string {
  if (boardId === '') throw new Error('a template needs the board id: pass the id the server gave the board')
  return `tpl-${boardHash(boardId)}`
}

function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new Error(`template record name "${name}" is invalid: use lower-case letters, digits and "-"`)
  }
  return name
}

/** The shape id of the template record `name` on board `boardId`. */
export function templateShapeId(boardId: string, name: string): TLShapeId {
  return createShapeId(`${templatePrefix(boardId)}-${checkName(name)}`)
}

/** The binding id of the template record `name` on board `boardId`. */
export function templateBindingId(boardId: string, name: string): TLBindingId {
  return createBindingId(`${templatePrefix(boardId)}-${checkName(name)}`)
}
