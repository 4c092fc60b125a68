import { describe, expect, it } from 'vitest'
import type { IndexKey } from '@tldraw/utils'
import { clampEmotion, emotionPath, emotionPoints, emotionToY, journeyGeometry, yToEmotion } from '../../shared/rules'

describe('clampEmotion', () => {
  it.each([
    [0, 0],
    [2, 2],
    [3, 2],
    [-7, -2],
    [1.5, 2],
    [1.49, 1],
    [-0.4, 0],
    [-2.6, -2],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('%d → %d', (input, expected) => {
    expect(Object.is(clampEmotion(input), expected)).toBe(true)
  })
})

// Emotion row from 744 to 964, padding 24: +2 is drawn at 768, −2 at 940, 0 at 854.
const rowTop = 744
const rowBottom = 964

describe('dragging a point (y → score)', () => {
  it.each([
    [768, 2],
    [811, 1],
    [854, 0],
    [897, -1],
    [940, -2],
    [700, 2],
    [2000, -2],
    [832, 1],
    [833, 0],
  ])('y %d → %d', (y, score) => {
    expect(yToEmotion(y, rowTop, rowBottom)).toBe(score)
  })

  it.each([-2, -1, 0, 1, 2])('score %d → y → the same score', (score) => {
    expect(yToEmotion(emotionToY(score, rowTop, rowBottom), rowTop, rowBottom)).toBe(score)
  })

  it('a row too short to plot sets 0 rather than jumping', () => {
    expect(yToEmotion(10, 10, 10)).toBe(0)
  })
})

describe('the curve', () => {
  const stages = {
    s1: { index: 'a1' as IndexKey, emotion: 2 },
    s2: { index: 'a2' as IndexKey, emotion: -2 },
    s3: { index: 'a3' as IndexKey, emotion: 0 },
  }
  const geometry = journeyGeometry({ columnWidth: 400, rowHeight: 220, stages })

  it('has one point per stage at the column centre and the score height', () => {
    expect(emotionPoints(geometry, stages)).toEqual([
      { stageId: 's1', x: 340, y: 768, score: 2 },
      { stageId: 's2', x: 740, y: 940, score: -2 },
      { stageId: 's3', x: 1140, y: 854, score: 0 },
    ])
  })

  it('draws a path through every point', () => {
    const d = emotionPath(emotionPoints(geometry, stages))
    expect(d.startsWith('M 340 768')).toBe(true)
    expect(d).toContain('740 940')
    expect(d.endsWith('1140 854')).toBe(true)
    expect(emotionPath([])).toBe('')
  })
})
