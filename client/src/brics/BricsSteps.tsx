import type { Editor, TLShapeId } from 'tldraw'
import type { BricsAnalysis } from '../../../shared/rules/bricsAnalysis'
import type { Translate } from '../i18n/translate'
import { StakeholderButton } from './BricsMatrix'
import { showOnBoard } from './bricsEdits'

export interface BricsStepsProps {
  editor: Editor
  analysis: BricsAnalysis
  t: Translate
  stepLabel: (id: TLShapeId) => string
}

/** Every blueprint step (front stage, back stage, support) with the stakeholders it depends on. */
export function BricsSteps({ editor, analysis, t, stepLabel }: BricsStepsProps) {
  if (analysis.steps.length === 0) return <p className="brics-empty">{t('bricsNoSteps')}</p>
  const names = new Map(analysis.stakeholders.map((s) => [s.id as string, s.name]))
  return (
    <table className="brics-table brics-steps" data-testid="brics-steps">
      <caption>{t('bricsStepsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bricsColStep')}</th>
          <th scope="col">{t('bricsColLane')}</th>
          <th scope="col">{t('bricsColStakeholders')}</th>
        </tr>
      </thead>
      <tbody>
        {analysis.steps.map((step) => (
          <tr key={step.id} data-step-id={step.id}>
            <th scope="row">
              <button type="button" className="brics-link" onClick={() => showOnBoard(editor, step.id)}>
                {stepLabel(step.id)}
              </button>
            </th>
            <td>
              {t(`blueprint.lane.${step.lane}`)}
              {step.stageName && <div className="brics-tags">{step.stageName}</div>}
            </td>
            <td>
              {step.stakeholderIds.length === 0 ? (
                <span className="muted">{t('bricsNone')}</span>
              ) : (
                <ul className="brics-list">
                  {step.stakeholderIds.map((id) => (
                    <li key={id}>
                      <StakeholderButton editor={editor} id={id} name={names.get(id) ?? ''} t={t} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
