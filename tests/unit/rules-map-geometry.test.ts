import { describe, expect, it } from 'vitest'
import type { IndexKey } from '@tldraw/utils'
import { blueprintGeometry, cellAt, cellRect, hitTestMap, journeyGeometry, type MapHit } from '../../shared/rules'

// Inserted out of order on purpose: columns follow the index, not insertion order.
const stages = {
  c: { index: 'a3' as IndexKey },
  a: { index: 'a1' as IndexKey },
  b: { index: 'a2' as IndexKey },
}
// 140 label + 3 × 400 columns; 40 title + 44 header + 6 × 220 rows.
const journey = journeyGeometry({ columnWidth: 400, rowHeight: 220, stages })

describe('journey geometry', () => {
  it('derives the size from the structure', () => {
    expect([journey.w, journey.h]).toEqual([1340, 1404])
  })

  it('orders columns by stage index and splits the body evenly', () => {
    expect(journey.columns).toEqual([
      { stageId: 'a', x0: 140, x1: 540 },
      { stageId: 'b', x0: 540, x1: 940 },
      { stageId: 'c', x0: 940, x1: 1340 },
    ])
    expect(journey.rows.map((r) => [r.row, r.y0, r.y1])).toEqual([
      ['actions', 84, 304],
      ['touchpoints', 304, 524],
      ['thoughts', 524, 744],
      ['emotions', 744, 964],
      ['painPoints', 964, 1184],
      ['opportunities', 1184, 1404],
    ])
  })
})

const journeyHits: Array<[string, { x: number; y: number }, MapHit<string> | null]> = [
  ['title bar', { x: 10, y: 10 }, { kind: 'title' }],
  ['stage header', { x: 200, y: 50 }, { kind: 'header', stageId: 'a' }],
  ['top-left corner', { x: 50, y: 50 }, { kind: 'blank' }],
  ['row label', { x: 50, y: 100 }, { kind: 'label', row: 'actions' }],
  ['first cell, its top-left edge', { x: 140, y: 84 }, { kind: 'cell', stageId: 'a', row: 'actions' }],
  ['first cell, just inside its far corner', { x: 539.9, y: 303.9 }, { kind: 'cell', stageId: 'a', row: 'actions' }],
  ['shared edge goes to the next cell', { x: 540, y: 304 }, { kind: 'cell', stageId: 'b', row: 'touchpoints' }],
  ['emotion row, last stage', { x: 1000, y: 800 }, { kind: 'cell', stageId: 'c', row: 'emotions' }],
  ['bottom-right corner of the map', { x: 1340, y: 1404 }, { kind: 'cell', stageId: 'c', row: 'opportunities' }],
  ['right of the map', { x: 1341, y: 500 }, null],
  ['left of the map', { x: -1, y: 500 }, null],
  ['below the map', { x: 500, y: 1404.5 }, null],
  ['NaN', { x: Number.NaN, y: 500 }, null],
]

describe('hitTestMap on a journey map', () => {
  it.each(journeyHits)('%s', (_name, point, expected) => {
    expect(hitTestMap(journey, point)).toEqual(expected)
  })
})

const blueprint = blueprintGeometry({ columnWidth: 400, rowHeight: 220, stages })
const blueprintCells: Array<[{ x: number; y: number }, { stageId: string; row: string } | null]> = [
  [{ x: 200, y: 100 }, { stageId: 'a', row: 'physicalEvidence' }],
  [{ x: 600, y: 400 }, { stageId: 'b', row: 'customerActions' }],
  [{ x: 600, y: 600 }, { stageId: 'b', row: 'frontStage' }],
  [{ x: 1000, y: 800 }, { stageId: 'c', row: 'backStage' }],
  [{ x: 1000, y: 1100 }, { stageId: 'c', row: 'supportProcesses' }],
  [{ x: 100, y: 1100 }, null],
  [{ x: 600, y: 60 }, null],
]

describe('cellAt on a blueprint', () => {
  it.each(blueprintCells)('%o → %o', (point, expected) => {
    expect(cellAt(blueprint, point)).toEqual(expected)
  })
})

describe('edge cases', () => {
  it('a map with no stages has no cells', () => {
    const empty = journeyGeometry({ columnWidth: 400, rowHeight: 100, stages: {} })
    expect(empty.columns).toEqual([])
    expect([empty.w, empty.h]).toEqual([540, 684])
    expect(hitTestMap(empty, { x: 300, y: 300 })).toEqual({ kind: 'blank' })
    expect(hitTestMap(empty, { x: 50, y: 300 })?.kind).toBe('label')
  })

  it('cellRect matches the ranges and refuses unknown stages', () => {
    expect(cellRect(blueprint, 'b', 'frontStage')).toEqual({ x: 540, y: 524, w: 400, h: 220 })
    expect(cellRect(blueprint, 'zz', 'frontStage')).toBeNull()
  })
})
