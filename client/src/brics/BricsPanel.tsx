import './brics.css'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { useT } from '../i18n/useT'
import { appStore, useAppStore } from '../state/appStore'
import { BricsChecks } from './BricsChecks'
import { BricsMatrix } from './BricsMatrix'
import { BricsSteps } from './BricsSteps'
import { BRICS_PANEL_ID } from './bricsPanelId'
import { useBricsAnalysis } from './useBricsAnalysis'

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

  // Opened from the top bar, the panel takes the focus (it sits after the whole canvas UI in
  // tab order); closed from inside, it gives the focus back to its toggle.
  const title = useRef<HTMLHeadingElement>(null)
  useEffect(() => title.current?.focus(), [])
  const close = () => {
    appStore.getState().togglePanel('brics')
    document.querySelector<HTMLElement>(`[aria-controls="${BRICS_PANEL_ID}"]`)?.focus()
  }

  return (
    <aside
      id={BRICS_PANEL_ID}
      className="brics-panel"
      aria-labelledby="brics-panel-title"
      data-testid="brics-panel"
      onKeyDown={keepKeysFromCanvas}
      onKeyUp={keepKeysFromCanvas}
    >
      <header className="brics-panel-header">
        <h2 id="brics-panel-title" ref={title} tabIndex={-1}>
          {t('bricsPanelTitle')}
        </h2>
        <button
          type="button"
          className="brics-close"
          aria-label={t('bricsPanelClose')}
          title={t('bricsPanelClose')}
          onClick={close}
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

/** Keys pressed in the panel are for the panel: tldraw listens on the body for its shortcuts. */
function keepKeysFromCanvas(e: KeyboardEvent) {
  e.stopPropagation()
}

/** The BRiCS panel when the top bar's toggle has it open, else nothing. */
export function BricsSidePanel({ editor }: { editor: Editor }) {
  const open = useAppStore((state) => state.panels.brics)
  return open ? <BricsPanel editor={editor} /> : null
}
