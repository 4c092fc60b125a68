/**
 * The five steps of design thinking a facilitated session moves through, in order.
 * Ids are stable (stored in the session doc and in frame shapes' `meta.step`); labels and
 * prompts live in the client's dictionary.
 */
export const STEP_IDS = ['empathize', 'define', 'ideate', 'prototype', 'test'] as const

export type StepId = (typeof STEP_IDS)[number]

/** The session's current step; `null` before the facilitator starts the run-sheet. */
export type CurrentStep = StepId | null

/** True when `value` is one of the five step ids. */
export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value)
}

/** Position of a step in the run-sheet (0–4), or -1 for no step. */
export function stepIndex(step: CurrentStep): number {
  return step === null ? -1 : STEP_IDS.indexOf(step)
}

/** The step after `step`: the first step when none is set; the last step stays the last. */
export function nextStep(step: CurrentStep): StepId {
  const index = Math.min(stepIndex(step) + 1, STEP_IDS.length - 1)
  return STEP_IDS[index] as StepId
}

/** The step before `step`; the first step stays the first, no step stays none. */
export function prevStep(step: CurrentStep): CurrentStep {
  if (step === null) return null
  return STEP_IDS[Math.max(stepIndex(step) - 1, 0)] as StepId
}

/** The step to go to for a requested id: the id when it is a step, otherwise the current step unchanged. */
export function gotoStep(current: CurrentStep, requested: unknown): CurrentStep {
  if (requested === null) return null
  return isStepId(requested) ? requested : current
}

/** Whether the run-sheet can move forward / back from `step` (for enabling buttons). */
export function stepMoves(step: CurrentStep): { canNext: boolean; canPrev: boolean } {
  const index = stepIndex(step)
  return { canNext: index < STEP_IDS.length - 1, canPrev: index > 0 }
}
