import type { Editor, TLShapeId } from 'tldraw'
import type { BricsAnalysis } from '../../../shared/rules/bricsAnalysis'
import type { BricsIssue } from '../../../shared/rules/bricsChecks'
import type { Translate } from '../i18n/translate'
import { showOnBoard } from './bricsEdits'

export interface BricsChecksProps {
  editor: Editor
  analysis: BricsAnalysis
  issues: BricsIssue[]
  t: Translate
  stepLabel: (id: TLShapeId) => string
}

/** The four checks' findings; each one shows the shape it is about on the board. */
export function BricsChecks({ editor, analysis, issues, t, stepLabel }: BricsChecksProps) {
  const rows = new Map(analysis.stakeholders.map((s) => [s.id as string, s]))
  const nameOf = (id: TLShapeId) => rows.get(id)?.name.trim() || t('bricsUnnamed')

  const describe = (issue: BricsIssue): { text: string; target: TLShapeId } => {
    switch (issue.kind) {
      case 'step-without-stakeholder':
        return {
          text: t('bricsIssueStepWithoutStakeholder', {
            step: stepLabel(issue.stepId),
            lane: t(`blueprint.lane.${issue.lane}`),
          }),
          target: issue.stepId,
        }
      case 'benefit-without-cost':
        return { text: t('bricsIssueBenefitWithoutCost', { name: nameOf(issue.stakeholderId) }), target: issue.stakeholderId }
      case 'risk-without-carrier': {
        const risk = rows.get(issue.stakeholderId)?.risks.find((r) => r.id === issue.entryId)?.text ?? ''
        return {
          text: t('bricsIssueRiskWithoutCarrier', { risk, name: nameOf(issue.stakeholderId) }),
          target: issue.stakeholderId,
        }
      }
      case 'stakeholder-without-step':
        return { text: t('bricsIssueStakeholderWithoutStep', { name: nameOf(issue.stakeholderId) }), target: issue.stakeholderId }
    }
  }

  if (issues.length === 0) return <p className="brics-pass">{t('bricsChecksPass')}</p>
  return (
    <ul className="brics-issues" data-testid="brics-issues">
      {issues.map((issue) => {
        const { text, target } = describe(issue)
        const key = `${issue.kind}:${'stepId' in issue ? issue.stepId : issue.stakeholderId}:${'entryId' in issue ? issue.entryId : ''}`
        return (
          <li key={key} data-kind={issue.kind}>
            <button type="button" className="brics-link brics-issue" onClick={() => showOnBoard(editor, target)}>
              {text}
            </button>
          </li>
        )
      })}
    </ul>
  )
}
