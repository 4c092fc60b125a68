import './brics.css'
import type { Editor, TLShapeId } from 'tldraw'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'
import { BricsChecks } from './BricsChecks'
import { BricsMatrix } from './BricsMatrix'
import { BricsSteps } from './BricsSteps'
import { useBricsAnalysis } from './useBricsAnalysis'

/** The id the top bar's toggle points at (aria-controls). */
export const BRICS_PANEL_ID = 'brics-panel'

/**
 * The BRiCS panel beside the canvas: the matrix (editable), the checks and the steps with
 * their stakeholders, live from the board. Clicking a name, step or finding shows it on the
 * board. An accessible way into the analysis, where the canvas itself is not.
 */
export function BricsPanel({ editor }: { editor: Editor }) {
  const t = useT()
  const { analysis, issues } = useBricsAnalysis(editor)
  const stepTexts = new Map(analysis.steps.map((step) => [step.id as string, step.text]))
  const stepLabel = (id: TLShapeId) => stepTexts.get(id)?.trim() || t('bricsEmptyStep')

  return (
    <aside id={BRICS_PANEL_ID} className="brics-panel" aria-labelledby="brics-panel-title" data-testid="brics-panel">
      <header className="brics-panel-header">
        <h2 id="brics-panel-title">{t('bricsPanelTitle')}</h2>
        <button
          type="button"
          className="brics-close"
          aria-label={t('bricsPanelClose')}
          title={t('bricsPanelClose')}
          onClick={() => appStore.getState().togglePanel('brics')}
        >
          ×
        </button>
      </header>
      <div className="brics-panel-body">
        <BricsMatrix editor={editor} analysis={analysis} t={t} stepLabel={stepLabel} />
        <section aria-labelledby="brics-checks-heading">
          <h3 id="brics-checks-heading">{t('bricsChecksHeading')}</h3>
          <BricsChecks editor={editor} analysis={analysis} issues={issues} t={t} stepLabel={stepLabel} />
        </section>
        <BricsSteps editor={editor} analysis={analysis} t={t} stepLabel={stepLabel} />
      </div>
    </aside>
  )
}

/** The BRiCS panel when the top bar's toggle has it open, else nothing. */
export function BricsSidePanel({ editor }: { editor: Editor }) {
  const open = useAppStore((state) => state.panels.brics)
  return open ? <BricsPanel editor={editor} /> : null
}
