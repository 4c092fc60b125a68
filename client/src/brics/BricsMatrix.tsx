import { useMemo, useState } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import type { BricsAnalysis, StakeholderRow } from '../../../shared/rules/bricsAnalysis'
import { BRICS_KINDS, type BricsKind } from '../../../shared/shapes/stakeholder'
import type { Translate } from '../i18n/translate'
import { BricsEntryField } from './BricsEntryField'
import { addBricsEntry, removeBricsEntry, showOnBoard, updateBricsEntry } from './bricsEdits'

export interface BricsMatrixProps {
  editor: Editor
  analysis: BricsAnalysis
  t: Translate
  /** Names the steps in the last column. */
  stepLabel: (id: TLShapeId) => string
}

/**
 * The course's BRiCS table: one row per stakeholder, its Benefits, Risks and Costs (each entry
 * editable, with who carries it), and the blueprint steps that depend on it. Editing here
 * edits the card on the board.
 */
export function BricsMatrix({ editor, analysis, t, stepLabel }: BricsMatrixProps) {
  // Read-only boards and locked cards are shown, not edited (tldraw would ignore the edit).
  // A string, so the panel re-renders only when the set changes, not on every shape change.
  const frozenKey = useValue(
    'BRiCS cards not editable',
    () => {
      const readonly = editor.getIsReadonly()
      return analysis.stakeholders
        .filter((row) => readonly || editor.isShapeOrAncestorLocked(row.id))
        .map((row) => row.id)
        .join(' ')
    },
    [editor, analysis],
  )
  const frozen = useMemo(() => new Set(frozenKey.split(' ')), [frozenKey])
  if (analysis.stakeholders.length === 0) {
    return <p className="brics-empty">{t('bricsNoStakeholders')}</p>
  }
  return (
    <table className="brics-table brics-matrix" data-testid="brics-matrix">
      <caption>{t('bricsMatrixCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bricsColStakeholder')}</th>
          {BRICS_KINDS.map((kind) => (
            <th scope="col" key={kind}>
              {t(`stakeholder.${kind}`)}
            </th>
          ))}
          <th scope="col">{t('bricsColSteps')}</th>
        </tr>
      </thead>
      <tbody>
        {analysis.stakeholders.map((row) => (
          <tr key={row.id} data-stakeholder-id={row.id}>
            <th scope="row">
              <StakeholderButton editor={editor} id={row.id} name={row.name} t={t} />
              <div className="brics-tags">
                {t(`stakeholder.group.${row.group}`)} · {t(`stakeholder.sector.${row.sector}`)}
              </div>
            </th>
            {BRICS_KINDS.map((kind) => (
              <td key={kind} data-kind={kind}>
                <EntryList
                  editor={editor}
                  row={row}
                  kind={kind}
                  stakeholders={analysis.stakeholders}
                  disabled={frozen.has(row.id)}
                  t={t}
                />
              </td>
            ))}
            <td data-kind="steps">
              {row.stepIds.length === 0 ? (
                <span className="muted">{t('bricsNone')}</span>
              ) : (
                <ul className="brics-list">
                  {row.stepIds.map((stepId) => (
                    <li key={stepId}>
                      <button type="button" className="brics-link" onClick={() => showOnBoard(editor, stepId)}>
                        {stepLabel(stepId)}
                      </button>
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

/** A stakeholder's name as a button that shows its card on the board. */
export function StakeholderButton(props: { editor: Editor; id: TLShapeId; name: string; t: Translate }) {
  const name = props.name.trim() || props.t('bricsUnnamed')
  return (
    <button
      type="button"
      className="brics-link"
      title={props.t('bricsShowOnBoard', { name })}
      onClick={() => showOnBoard(props.editor, props.id)}
    >
      {name}
    </button>
  )
}

function EntryList(props: {
  editor: Editor
  row: StakeholderRow
  kind: BricsKind
  stakeholders: StakeholderRow[]
  disabled: boolean
  t: Translate
}) {
  const { editor, row, kind, disabled, t } = props
  const name = row.name.trim() || t('bricsUnnamed')
  const kindName = t(`bricsKind.${kind}`)
  // The entry just added here gets the focus, so typing can start at once.
  const [added, setAdded] = useState<string | null>(null)
  return (
    <>
      <ol className="brics-list brics-entries">
        {row[kind].map((entry, i) => {
          const labelParams = { kind: kindName, n: i + 1, name }
          return (
            <li key={entry.id} data-entry-id={entry.id}>
              <div className="brics-entry-main">
                <BricsEntryField
                  value={entry.text}
                  autoFocus={entry.id === added}
                  disabled={disabled}
                  label={t('bricsEntryLabel', labelParams)}
                  onCommit={(text) => updateBricsEntry(editor, row.id, kind, entry.id, { text })}
                />
                <button
                  type="button"
                  className="brics-remove"
                  disabled={disabled}
                  aria-label={t('bricsRemoveEntryLabel', labelParams)}
                  title={t('bricsRemoveEntryLabel', labelParams)}
                  onClick={() => removeBricsEntry(editor, row.id, kind, entry.id)}
                >
                  ×
                </button>
              </div>
              <select
                className="brics-carrier"
                disabled={disabled}
                aria-label={t('bricsCarrierLabel', labelParams)}
                title={t('stakeholder.carrier')}
                value={entry.carrierId ?? ''}
                onChange={(e) => updateBricsEntry(editor, row.id, kind, entry.id, { carrierId: e.currentTarget.value })}
              >
                <option value="">{t('stakeholder.noCarrier')}</option>
                {props.stakeholders.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name.trim() || t('bricsUnnamed')}
                  </option>
                ))}
              </select>
            </li>
          )
        })}
      </ol>
      <button
        type="button"
        className="brics-small-button brics-add"
        disabled={disabled}
        aria-label={t('bricsAddEntryLabel', { kind: kindName, name })}
        onClick={() => setAdded(addBricsEntry(editor, row.id, kind))}
      >
        + {t('bricsAddEntry')}
      </button>
    </>
  )
}
