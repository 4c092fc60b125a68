import type { PlainRecord } from '../../../client/src/sync/recordLayout'

/** A template's locked step frame, as a facilitator's template places it (only facilitators may change it). */
export function lockedFrame(id: string, name: string): PlainRecord {
  return {
    id,
    typeName: 'shape',
    type: 'frame',
    x: 0,
    y: 0,
    parentId: 'page:page',
    isLocked: true,
    props: { w: 800, h: 600, name },
    meta: { templateLocked: true },
  }
}
