import { toRichText, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { IndexKey } from '@tldraw/utils'
import { noteCell, placeNotes, richTextToPlain, type MapShape } from '../../shared/rules'
import type { TLNoteShape } from '@tldraw/tlschema'

// 140 label + 2 × 400 columns; 40 title + 44 header + 6 × 220 rows.
function journey(id: string, over: Partial<MapShape> = {}): MapShape {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'journey-map',
    x: 1000,
    y: 500,
    rotation: 0,
    index: 'a1' as IndexKey,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 940,
      h: 1404,
      columnWidth: 400,
      rowHeight: 220,
      title: '',
      personaId: '',
      stages: { s1: { name: '發現', index: 'a1' as IndexKey, emotion: 0 }, s2: { name: '申請', index: 'a2' as IndexKey, emotion: 0 } },
      cells: {},
    },
    ...over,
  } as MapShape
}

function note(id: string, x: number, y: number, over: Partial<TLNoteShape> & { scale?: number } = {}): TLNoteShape {
  const { scale = 1, ...rest } = over
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    index: 'a5' as IndexKey,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { richText: toRichText(id), scale, growY: 0 },
    ...rest,
  } as TLNoteShape
}

const map = journey('j')

const cases: Array<[string, TLNoteShape, { stageId: string; row: string } | null]> = [
  ['parented, top-left of first cell', note('n1', 140, 84, { parentId: map.id }), { stageId: 's1', row: 'actions' }],
  ['parented, centre decides (top-left in row 1, centre in row 2)', note('n2', 200, 250, { parentId: map.id }), { stageId: 's1', row: 'touchpoints' }],
  ['parented, half-size note: its own centre, not a full note\'s', note('n3', 450, 230, { parentId: map.id, scale: 0.5 }), { stageId: 's1', row: 'actions' }],
  ['parented, centre in the header', note('n4', 200, -60, { parentId: map.id }), null],
  ['on the page over the map', note('n5', 1000 + 600, 500 + 1000), { stageId: 's2', row: 'painPoints' }],
  ['on the page beside the map', note('n6', 0, 0), null],
  ['on another page', note('n7', 1600, 1500, { parentId: 'page:other' as TLNoteShape['parentId'] }), null],
]

describe('noteCell', () => {
  it.each(cases)('%s', (_name, n, expected) => {
    expect(noteCell(n, map)).toEqual(expected)
  })

  it('follows a rotated map (90°: map-local x runs down the page)', () => {
    const rotated = journey('r', { x: 0, y: 0, rotation: Math.PI / 2 })
    // Map-local centre (640, 194): column s2, row actions. Page point = (−194, 640); note top-left 100 up-left of it.
    expect(noteCell(note('n8', -294, 540), rotated)).toEqual({ stageId: 's2', row: 'actions' })
  })
})

describe('placeNotes', () => {
  it('puts each note in one map: its parent, else the topmost it lies over', () => {
    const lower = journey('lower', { index: 'a1' as IndexKey })
    const upper = journey('upper', { index: 'a2' as IndexKey, x: 1100 })
    const inLower = note('child', 140, 84, { parentId: lower.id })
    const overBoth = note('over', 1300, 700)
    const placed = placeNotes([lower, upper, inLower, overBoth] as TLRecord[])
    expect(placed.map((p) => [p.note.id, p.mapId, p.stageId, p.row])).toEqual([
      ['shape:child', 'shape:lower', 's1', 'actions'],
      ['shape:over', 'shape:upper', 's1', 'actions'],
    ])
    expect(placed[1]!.local).toEqual({ x: 200, y: 200 })
  })
})

describe('richTextToPlain', () => {
  it.each([
    ['one line', toRichText('申請補助'), '申請補助'],
    ['two paragraphs', toRichText('第一行\n第二行'), '第一行\n第二行'],
    ['empty doc', toRichText(''), ''],
    ['not rich text', 42, ''],
  ])('%s', (_name, rich, expected) => {
    expect(richTextToPlain(rich)).toBe(expected)
  })
})
