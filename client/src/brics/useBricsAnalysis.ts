import { useMemo } from 'react'
import { computed, isEqual, useValue, type Editor } from 'tldraw'
import { bricsAnalysis, type BricsAnalysis } from '../../../shared/rules/bricsAnalysis'
import { bricsChecks, type BricsIssue } from '../../../shared/rules/bricsChecks'

/** The analysis and its findings, as the panel shows them. */
export interface BricsView {
  analysis: BricsAnalysis
  issues: BricsIssue[]
}

/**
 * The board's BRiCS analysis, live: recomputed from the store's shapes and bindings whenever
 * they change (local or remote), but the panel re-renders only when the result differs, so
 * dragging a note around inside its cell costs no render.
 */
export function useBricsAnalysis(editor: Editor): BricsView {
  const view = useMemo(
    () =>
      computed<BricsView>(
        'brics analysis',
        () => {
          const analysis = bricsAnalysis([
            ...editor.store.query.records('shape').get(),
            ...editor.store.query.records('binding').get(),
          ])
          return { analysis, issues: bricsChecks(analysis) }
        },
        { isEqual },
      ),
    [editor],
  )
  return useValue(view)
}
