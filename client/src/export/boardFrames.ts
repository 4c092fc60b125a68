import type { TLFrameShape, TLRecord, TLShape } from 'tldraw'

// Which frame (workshop step) a shape belongs to, read off plain records so CSV and PDF
// exports work the same from a live editor or a file. In the five-step template the content
// sits on the page over its step's frame rather than inside it, so "in a frame" means: a
// frame is an ancestor, or else the shape's centre lies inside the frame.

/** Top-left and size in page coordinates (rotation ignored: frames and cards are not rotated in workshops). */
export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

function isShape(record: TLRecord): record is TLShape {
  return record.typeName === 'shape'
}

/** True for tldraw frames. */
export function isFrame(record: TLRecord): record is TLFrameShape {
  return isShape(record) && record.type === 'frame'
}

function sizeOf(shape: TLShape): { w: number; h: number } {
  const props = shape.props as { w?: unknown; h?: unknown; scale?: unknown; growY?: unknown }
  if (shape.type === 'note') {
    const scale = typeof props.scale === 'number' ? props.scale : 1
    const growY = typeof props.growY === 'number' ? props.growY : 0
    return { w: 200 * scale, h: (200 + growY) * scale }
  }
  return { w: typeof props.w === 'number' ? props.w : 0, h: typeof props.h === 'number' ? props.h : 0 }
}

/** Page boxes of every shape, by id. */
export function pageBoxes(records: Iterable<TLRecord>): Map<string, PageBox> {
  const shapes = new Map<string, TLShape>()
  for (const record of records) if (isShape(record)) shapes.set(record.id, record)
  const boxes = new Map<string, PageBox>()
  const boxOf = (shape: TLShape, depth = 0): PageBox => {
    const known = boxes.get(shape.id)
    if (known) return known
    const parent = shapes.get(shape.parentId)
    const origin = parent && depth < 100 ? boxOf(parent, depth + 1) : { x: 0, y: 0 }
    const box = { x: origin.x + shape.x, y: origin.y + shape.y, ...sizeOf(shape) }
    boxes.set(shape.id, box)
    return box
  }
  for (const shape of shapes.values()) boxOf(shape)
  return boxes
}

/** The frames of a page, in reading order: left to right, then top to bottom. */
export function framesInOrder(records: Iterable<TLRecord>, pageId?: string): TLFrameShape[] {
  const all = [...records]
  const boxes = pageBoxes(all)
  return all
    .filter(isFrame)
    .filter((frame) => !pageId || pageOf(frame, all) === pageId)
    .sort((a, b) => {
      const ba = boxes.get(a.id)!
      const bb = boxes.get(b.id)!
      return ba.x - bb.x || ba.y - bb.y || (a.id < b.id ? -1 : 1)
    })
}

function pageOf(shape: TLShape, all: TLRecord[]): string {
  const byId = new Map(all.map((r) => [r.id as string, r]))
  let parentId: string = shape.parentId
  for (let i = 0; i < 100 && parentId.startsWith('shape:'); i++) {
    const parent = byId.get(parentId)
    if (!parent || !isShape(parent)) break
    parentId = parent.parentId
  }
  return parentId
}

/** A function answering the frame each shape belongs to (innermost), or null. */
export function frameLookup(records: Iterable<TLRecord>): (shapeId: string) => TLFrameShape | null {
  const all = [...records]
  const boxes = pageBoxes(all)
  const shapes = new Map(all.filter(isShape).map((s) => [s.id as string, s]))
  const frames = all.filter(isFrame)
  return (shapeId) => {
    const shape = shapes.get(shapeId)
    if (!shape) return null
    for (let parent = shapes.get(shape.parentId), i = 0; parent && i < 100; parent = shapes.get(parent.parentId), i++) {
      if (isFrame(parent)) return parent
    }
    const box = boxes.get(shapeId)!
    const cx = box.x + box.w / 2
    const cy = box.y + box.h / 2
    let best: TLFrameShape | null = null
    let bestArea = Infinity
    for (const frame of frames) {
      if (frame.id === shapeId) continue
      const f = boxes.get(frame.id)!
      if (cx >= f.x && cx <= f.x + f.w && cy >= f.y && cy <= f.y + f.h && f.w * f.h < bestArea) {
        best = frame
        bestArea = f.w * f.h
      }
    }
    return best
  }
}
