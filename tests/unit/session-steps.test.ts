import { describe, expect, it } from 'vitest'
import { STEP_IDS, gotoStep, isStepId, nextStep, prevStep, stepIndex, stepMoves, type CurrentStep } from '../../shared/session/steps'

describe('session step machine', () => {
  it('has the five steps in design-thinking order', () => {
    expect(STEP_IDS).toEqual(['empathize', 'define', 'ideate', 'prototype', 'test'])
  })

  it.each<[CurrentStep, CurrentStep, CurrentStep]>([
    // [from, next, prev]
    [null, 'empathize', null],
    ['empathize', 'define', 'empathize'],
    ['define', 'ideate', 'empathize'],
    ['ideate', 'prototype', 'define'],
    ['prototype', 'test', 'ideate'],
    ['test', 'test', 'prototype'],
  ])('from %s: next is %s, prev is %s', (from, next, prev) => {
    expect(nextStep(from)).toBe(next)
    expect(prevStep(from)).toBe(prev)
  })

  it.each<[CurrentStep, unknown, CurrentStep]>([
    [null, 'ideate', 'ideate'],
    ['define', 'test', 'test'],
    ['define', 'define', 'define'],
    ['define', null, null],
    ['define', 'brainstorm', 'define'],
    ['define', 3, 'define'],
    [null, undefined, null],
  ])('goto from %s to %s answers %s', (current, requested, expected) => {
    expect(gotoStep(current, requested)).toBe(expected)
  })

  it.each<[unknown, boolean]>([
    ['empathize', true],
    ['test', true],
    ['Test', false],
    ['', false],
    [null, false],
    [0, false],
  ])('isStepId(%s) is %s', (value, expected) => {
    expect(isStepId(value)).toBe(expected)
  })

  it.each<[CurrentStep, number, boolean, boolean]>([
    [null, -1, true, false],
    ['empathize', 0, true, false],
    ['ideate', 2, true, true],
    ['test', 4, false, true],
  ])('%s is at %i (canNext %s, canPrev %s)', (step, index, canNext, canPrev) => {
    expect(stepIndex(step)).toBe(index)
    expect(stepMoves(step)).toEqual({ canNext, canPrev })
  })
})
