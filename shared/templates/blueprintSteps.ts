import type { TLShapeId } from '@tldraw/tlschema'
import type { ServiceBlueprintShape } from '../shapes/serviceBlueprint'
import { STAKEHOLDER_SIZE } from '../shapes/stakeholder'
import { cellNote, linkStepsToCards, stakeholderCard, type StakeholderSpec } from './designShapes'
import type { Bilingual, TemplateBoard } from './templateBoard'

// The worked BRiCS examples lay out their provider side the same way: one note per step in its
// blueprint lane, the stakeholder cards in a row, and an arrow from each step to every
// stakeholder it depends on.

/** The blueprint lanes a provider step can sit in. */
export type StepLane = 'frontStage' | 'backStage' | 'supportProcesses'

/** A provider step: record name, stage key, lane, text, and the stakeholders it depends on. */
export type StepSpec<Who extends string> = readonly [name: string, stage: string, lane: StepLane, text: Bilingual, dependsOn: readonly Who[]]

const LANE_COLORS = { frontStage: 'light-blue', backStage: 'light-green', supportProcesses: 'orange' } as const

/** Places each step as a note in its blueprint cell, coloured by lane. */
export function stepNotes(board: TemplateBoard, blueprint: ServiceBlueprintShape, steps: readonly StepSpec<string>[]): void {
  for (const [name, stage, lane, text] of steps) cellNote(board, name, blueprint, stage, lane, board.t(text), LANE_COLORS[lane])
}

/** Stakeholder cards named `stakeholder-<who>`, left to right from `at` in the order given. */
export function stakeholderRow(board: TemplateBoard, at: { x: number; y: number }, cards: readonly (readonly [who: string, spec: StakeholderSpec])[]): void {
  cards.forEach(([who, spec], i) => {
    stakeholderCard(board, `stakeholder-${who}`, { x: at.x + i * (STAKEHOLDER_SIZE.w + 60), y: at.y }, spec)
  })
}

/** Arrows `link-<step>-<who>` from every step to each stakeholder card it depends on. */
export function linkStepsToStakeholders<Who extends string>(
  board: TemplateBoard,
  steps: readonly StepSpec<Who>[],
  who: (name: Who) => TLShapeId
): void {
  linkStepsToCards(
    board,
    steps.flatMap(([name, , , , dependsOn]) =>
      dependsOn.map((stakeholder) => ({ name: `link-${name}-${stakeholder}`, stepId: board.id(name), cardId: who(stakeholder) }))
    )
  )
}
