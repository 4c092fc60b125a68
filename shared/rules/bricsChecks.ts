import type { TLShapeId } from '@tldraw/tlschema'
import type { BlueprintLane } from '../shapes/serviceBlueprint'
import type { BricsAnalysis, BricsEntryView } from './bricsAnalysis'

// The four checks the BRiCS panel shows. Blank entries (just added, nothing typed yet) do not
// count as a benefit, cost or risk.

/** One finding of the checks, with the ids to select on the board. */
export type BricsIssue =
  | { kind: 'step-without-stakeholder'; stepId: TLShapeId; lane: BlueprintLane }
  | { kind: 'benefit-without-cost'; stakeholderId: TLShapeId }
  | { kind: 'risk-without-carrier'; stakeholderId: TLShapeId; entryId: string }
  | { kind: 'stakeholder-without-step'; stakeholderId: TLShapeId }

/** The kinds of finding, in the order the panel lists them. */
export const BRICS_ISSUE_KINDS = [
  'step-without-stakeholder',
  'benefit-without-cost',
  'risk-without-carrier',
  'stakeholder-without-step',
] as const satisfies ReadonlyArray<BricsIssue['kind']>

/** Lanes whose steps must be tied to a stakeholder (the user meets them or staff carry them). */
const LANES_NEEDING_STAKEHOLDER: ReadonlySet<BlueprintLane> = new Set(['frontStage', 'backStage'])

function filled(entries: BricsEntryView[]): BricsEntryView[] {
  return entries.filter((e) => e.text.trim() !== '')
}

/** Runs the four checks over an analysis; findings are grouped by kind, in board order. */
export function bricsChecks(analysis: BricsAnalysis): BricsIssue[] {
  const issues: BricsIssue[] = []
  for (const step of analysis.steps) {
    if (LANES_NEEDING_STAKEHOLDER.has(step.lane) && step.stakeholderIds.length === 0) {
      issues.push({ kind: 'step-without-stakeholder', stepId: step.id, lane: step.lane })
    }
  }
  for (const s of analysis.stakeholders) {
    if (filled(s.benefits).length > 0 && filled(s.costs).length === 0) {
      issues.push({ kind: 'benefit-without-cost', stakeholderId: s.id })
    }
  }
  for (const s of analysis.stakeholders) {
    for (const risk of filled(s.risks)) {
      if (risk.carrierId === null) issues.push({ kind: 'risk-without-carrier', stakeholderId: s.id, entryId: risk.id })
    }
  }
  for (const s of analysis.stakeholders) {
    if (s.stepIds.length === 0) issues.push({ kind: 'stakeholder-without-step', stakeholderId: s.id })
  }
  return issues
}
