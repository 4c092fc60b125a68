import type { PlainRecord } from './recordLayout'

/** A rectangle in page coordinates. */
export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

/** The size assumed for a shape whose record carries none (arrows, text, lines): tldraw's note is 200. */
const ASSUMED_SIZE = 200

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/** A top-level shape's box from its record alone (x, y and props.w/h), before any geometry exists. */
function roughBox(record: PlainRecord): PageBox {
  const props = (record.props ?? {}) as Record<string, unknown>
  return {
    x: numberOr(record.x, 0),
    y: numberOr(record.y, 0),
    w: numberOr(props.w, ASSUMED_SIZE),
    h: numberOr(props.h, ASSUMED_SIZE),
  }
}

/** Whether two boxes overlap (touching counts). */
export function overlaps(a: PageBox, b: PageBox): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

/** The viewport grown by `margin` of its width and height on each side: what counts as near it. */
export function aroundView(viewport: PageBox, margin: number): PageBox {
  return {
    x: viewport.x - viewport.w * margin,
    y: viewport.y - viewport.h * margin,
    w: viewport.w * (1 + 2 * margin),
    h: viewport.h * (1 + 2 * margin),
  }
}

/**
 * The shapes of a board that are worth drawing first: on `pageId`, in `viewport` (page
 * coordinates; grown by `margin` of its size each side, as rotation and sizes read from
 * records are rough), with everything inside them (frames' children, groups' members).
 * Pure: what the binding puts into the store before the rest of a big board
 * (bindStoreToDoc's `loadShapes`). Other records are never picked.
 */
export function shapesInView(records: readonly PlainRecord[], pageId: string, viewport: PageBox, margin = 0.5): PlainRecord[] {
  const area = aroundView(viewport, margin)
  const children = new Map<string, PlainRecord[]>()
  const chosen = new Set<string>()
  const queue: PlainRecord[] = []
  for (const record of records) {
    if (record.typeName !== 'shape') continue
    const parentId = String(record.parentId)
    if (parentId === pageId) {
      if (overlaps(roughBox(record), area)) queue.push(record)
    } else {
      const siblings = children.get(parentId)
      if (siblings) siblings.push(record)
      else children.set(parentId, [record])
    }
  }
  while (queue.length > 0) {
    const shape = queue.pop()!
    if (chosen.has(shape.id)) continue
    chosen.add(shape.id)
    queue.push(...(children.get(shape.id) ?? []))
  }
  return records.filter((record) => record.typeName === 'shape' && chosen.has(record.id))
}
