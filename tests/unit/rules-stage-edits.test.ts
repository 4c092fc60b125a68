import type { IndexKey } from '@tldraw/utils'
import { describe, expect, it } from 'vitest'
import {
  addStagePatch,
  columnShifts,
  journeyGeometry,
  moveStagePatch,
  removeStagePatch,
  stagePosition,
} from '../../shared/rules'
import { JOURNEY_ROWS, sortedEntries, type JourneyStage } from '../../shared/shapes'

const props = {
  columnWidth: 200,
  rowHeight: 100,
  stages: {
    a: { name: 'A', index: 'a1' as IndexKey, emotion: 0 },
    b: { name: 'B', index: 'a2' as IndexKey, emotion: 1 },
    c: { name: 'C', index: 'a3' as IndexKey, emotion: -1 },
  } as Record<string, JourneyStage>,
  cells: { b: { actions: 'x' }, c: { thoughts: 'y' } },
}
const rows = JOURNEY_ROWS.length
const order = (stages: Record<string, JourneyStage>) => sortedEntries(stages).map(([id]) => id)

describe('stage edits', () => {
  it('adds a stage after the last and grows the map by one column', () => {
    const patch = addStagePatch(props, rows, 'd', { name: 'D', emotion: 0 })
    expect(order(patch.stages)).toEqual(['a', 'b', 'c', 'd'])
    expect(patch.w).toBe(140 + 4 * 200)
    expect(patch.h).toBe(84 + 6 * 100)
  })

  it('two stages added concurrently from the same state both fit, each a full column', () => {
    const one = addStagePatch(props, rows, 'x', { name: 'X', emotion: 0 })
    const two = addStagePatch(props, rows, 'y', { name: 'Y', emotion: 0 })
    const merged = { ...props, stages: { ...one.stages, ...two.stages } }
    const geometry = journeyGeometry(merged)
    expect(geometry.columns).toHaveLength(5)
    expect(geometry.columns.every((c) => c.x1 - c.x0 === 200)).toBe(true)
  })

  it('removes a stage with its cells and shrinks the map', () => {
    const patch = removeStagePatch(props, rows, 'b')
    expect(order(patch.stages)).toEqual(['a', 'c'])
    expect(patch.cells).toEqual({ c: { thoughts: 'y' } })
    expect(patch.w).toBe(140 + 2 * 200)
  })

  it.each([
    ['c', 0, ['c', 'a', 'b']],
    ['a', 2, ['b', 'c', 'a']],
    ['a', 1, ['b', 'a', 'c']],
    ['b', 99, ['a', 'c', 'b']],
    ['b', -5, ['b', 'a', 'c']],
  ])('moves %s to position %d', (id, to, expected) => {
    const patch = moveStagePatch(props, id, to)
    expect(order(patch.stages)).toEqual(expected)
    // Only the moved stage changed.
    for (const other of Object.keys(props.stages).filter((k) => k !== id)) {
      expect(patch.stages[other]).toBe(props.stages[other])
    }
    expect(stagePosition(patch.stages, id)).toBe(expected.indexOf(id))
  })

  it('reports how far each column moved, and which are gone', () => {
    const before = journeyGeometry(props)
    const moved = journeyGeometry({ ...props, ...moveStagePatch(props, 'c', 0) })
    expect(columnShifts(before, moved)).toEqual({ a: 200, b: 200, c: -400 })
    const removed = journeyGeometry({ ...props, ...removeStagePatch(props, rows, 'a') })
    expect(columnShifts(before, removed)).toEqual({ a: null, b: -200, c: -200 })
  })
})
