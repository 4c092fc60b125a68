import { describe, expect, it } from 'vitest'
import type { PlainRecord } from '../../client/src/sync/recordLayout'
import { shapesInView } from '../../client/src/sync/shapesInView'

const page = 'page:main'
const viewport = { x: 0, y: 0, w: 1000, h: 800 }

function shape(id: string, parentId: string, x: number, y: number, props: Record<string, unknown> = {}): PlainRecord {
  return { id: `shape:${id}`, typeName: 'shape', type: 'geo', parentId, x, y, props }
}

function binding(id: string, fromId: string, toId: string): PlainRecord {
  return { id: `binding:${id}`, typeName: 'binding', type: 'arrow', fromId: `shape:${fromId}`, toId: `shape:${toId}`, props: {} }
}

const ids = (records: readonly PlainRecord[]) => records.map((record) => record.id).sort()

describe('shapesInView: what a big board draws first', () => {
  // Viewport 0..1000 × 0..800, grown by half its size each side: -500..1500 × -400..1200.
  const cases: Array<[name: string, records: PlainRecord[], expected: string[], margin?: number]> = [
    ['a shape in view', [shape('a', page, 100, 100)], ['shape:a']],
    ['a shape far away', [shape('a', page, 5000, 100)], []],
    ['a shape just outside the viewport, within the margin', [shape('a', page, 1400, 100)], ['shape:a']],
    ['the same shape without a margin', [shape('a', page, 1400, 100)], [], 0],
    ['a large shape reaching into view from far away', [shape('a', page, -3000, 0, { w: 2600, h: 100 })], ['shape:a']],
    ['a shape without a size counts as 200 wide', [shape('a', page, -690, 0)], ['shape:a']],
    ['a shape on another page', [shape('a', 'page:other', 100, 100)], []],
    ['a frame in view brings its children, wherever their own x and y point', [shape('f', page, 0, 0, { w: 300, h: 300 }), shape('c', 'shape:f', 9000, 9000), shape('g', 'shape:c', 1, 1)], ['shape:c', 'shape:f', 'shape:g']],
    ['a frame out of view keeps its children back', [shape('f', page, 9000, 0), shape('c', 'shape:f', 0, 0)], []],
    ['bindings never come early (bindStoreToDoc loads them with the pages)', [shape('a', page, 0, 0), shape('b', page, 300, 0), binding('ab', 'a', 'b')], ['shape:a', 'shape:b']],
    ['records that are not shapes', [{ id: 'page:main', typeName: 'page' }, { id: 'asset:1', typeName: 'asset' }], []],
  ]
  it.each(cases)('%s', (_name, records, expected, margin) => {
    expect(ids(shapesInView(records, page, viewport, margin))).toEqual(expected)
  })
})
