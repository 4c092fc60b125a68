import { useEditor, useIsEditing, useValue, type TLShapeId } from 'tldraw'
import { term, type TermKey } from '../../../../shared/i18n-terms'
import { indexAfterLast, newEntryId } from '../../../../shared/shapes/keyedEntries'
import {
  BRICS_KINDS,
  STAKEHOLDER_GROUPS,
  STAKEHOLDER_SECTORS,
  STAKEHOLDER_TYPE,
  type BricsEntry,
  type BricsKind,
  type StakeholderGroup,
  type StakeholderProps,
  type StakeholderSector,
  type StakeholderShape,
} from '../../../../shared/shapes/stakeholder'
import { EditableText, stopCanvasPointer } from '../common/EditableText'
import { KeyedListEditor } from '../common/KeyedListEditor'
import { updateProps } from '../common/updateProps'
import { useShapeLocale } from '../common/useShapeLocale'

/** The stakeholder card's content: who, group and sector, and the B / R / C lists. */
export function StakeholderCard({ shape }: { shape: StakeholderShape }) {
  const editor = useEditor()
  const editing = useIsEditing(shape.id)
  const locale = useShapeLocale()
  const t = (key: TermKey) => term(key, locale)
  const p = shape.props
  const set = (patch: (c: StakeholderProps) => Partial<StakeholderProps> | null) =>
    updateProps<StakeholderShape>(editor, shape.id, patch)

  // Names of every stakeholder on the page, to show and to pick carriers.
  const stakeholders = useValue(
    'stakeholder names',
    () =>
      editor
        .getCurrentPageShapes()
        .filter((s): s is StakeholderShape => s.type === STAKEHOLDER_TYPE)
        .map((s) => ({ id: s.id as string, name: s.props.name || '…' })),
    [editor]
  )
  const nameOf = (id: string) => stakeholders.find((s) => s.id === id)?.name

  const patchEntry = (kind: BricsKind, id: string, change: Partial<BricsEntry>) =>
    set((c) => {
      const entry = c[kind][id]
      return entry ? { [kind]: { ...c[kind], [id]: { ...entry, ...change } } } : null
    })

  const carrier = (kind: BricsKind) => (id: string, entry: BricsEntry) =>
    editing ? (
      <select
        className="dt-select dt-select--small"
        aria-label={t('stakeholder.carrier')}
        value={nameOf(entry.carrierId) ? entry.carrierId : ''}
        onPointerDown={stopCanvasPointer}
        onChange={(e) => patchEntry(kind, id, { carrierId: e.currentTarget.value })}
      >
        <option value="">{t('stakeholder.noCarrier')}</option>
        {stakeholders.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    ) : entry.carrierId && nameOf(entry.carrierId as TLShapeId) ? (
      <span className="dt-carrier" title={t('stakeholder.carrier')}>
        → {nameOf(entry.carrierId)}
      </span>
    ) : null

  return (
    <div
      className={`dt-card dt-stakeholder dt-stakeholder--${p.group} ${editing ? 'dt-card--editing' : ''}`}
      onPointerDown={editing ? stopCanvasPointer : undefined}
    >
      <header className="dt-stakeholder__header">
        <span className="dt-kicker">{t('shape.stakeholder')}</span>
        <EditableText
          className="dt-stakeholder__name"
          value={p.name}
          editing={editing}
          label={t('stakeholder.name')}
          placeholder={t('stakeholder.name')}
          onCommit={(name) => set(() => ({ name }))}
        />
        <div className="dt-stakeholder__tags">
          {editing ? (
            <>
              <select
                className="dt-select"
                aria-label={t('stakeholder.group')}
                value={p.group}
                onPointerDown={stopCanvasPointer}
                onChange={(e) => set(() => ({ group: e.currentTarget.value as StakeholderGroup }))}
              >
                {STAKEHOLDER_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {t(`stakeholder.group.${g}`)}
                  </option>
                ))}
              </select>
              <select
                className="dt-select"
                aria-label={t('stakeholder.sector')}
                value={p.sector}
                onPointerDown={stopCanvasPointer}
                onChange={(e) => set(() => ({ sector: e.currentTarget.value as StakeholderSector }))}
              >
                {STAKEHOLDER_SECTORS.map((s) => (
                  <option key={s} value={s}>
                    {t(`stakeholder.sector.${s}`)}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <>
              <span className="dt-tag">{t(`stakeholder.group.${p.group}`)}</span>
              <span className="dt-tag">{t(`stakeholder.sector.${p.sector}`)}</span>
            </>
          )}
        </div>
      </header>
      {BRICS_KINDS.map((kind) => (
        <KeyedListEditor<BricsEntry>
          key={kind}
          title={t(`stakeholder.${kind}`)}
          entries={p[kind]}
          editing={editing}
          addLabel={t('action.add')}
          removeLabel={t('action.remove')}
          onAdd={() =>
            set((c) => ({ [kind]: { ...c[kind], [newEntryId()]: { text: '', index: indexAfterLast(c[kind]), carrierId: '' } } }))
          }
          onChangeText={(id, text) => patchEntry(kind, id, { text })}
          onRemove={(id) =>
            set((c) => {
              const { [id]: _removed, ...rest } = c[kind]
              return { [kind]: rest }
            })
          }
          renderExtra={carrier(kind)}
        />
      ))}
    </div>
  )
}
