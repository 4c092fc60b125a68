import type { ReactNode } from 'react'
import type { IndexKey } from 'tldraw'
import { sortedEntries, type Keyed } from '../../../../shared/shapes/keyedEntries'
import { EditableText, stopCanvasPointer } from './EditableText'

// A list field stored as an object keyed by random id (see shared/shapes/keyedEntries.ts).
// Each callback names one entry, so the caller patches that key only.

export interface KeyedListEditorProps<E extends { text: string; index: IndexKey }> {
  title: string
  entries: Keyed<E>
  editing: boolean
  addLabel: string
  removeLabel: string
  onAdd: () => void
  onChangeText: (id: string, text: string) => void
  onRemove: (id: string) => void
  /** Extra controls after an entry's text (the BRiCS carrier picker). */
  renderExtra?: (id: string, entry: E) => ReactNode
  placeholder?: string
}

/** A titled list of keyed entries, editable in place. */
export function KeyedListEditor<E extends { text: string; index: IndexKey }>(props: KeyedListEditorProps<E>) {
  const { title, entries, editing, addLabel, removeLabel, onAdd, onChangeText, onRemove, renderExtra, placeholder } = props
  const sorted = sortedEntries(entries)
  return (
    <section className="dt-list">
      <h4 className="dt-list__title">{title}</h4>
      <ul className="dt-list__items">
        {sorted.map(([id, entry]) => (
          <li key={id} className="dt-list__item">
            <EditableText
              value={entry.text}
              editing={editing}
              label={title}
              placeholder={placeholder}
              onCommit={(text) => onChangeText(id, text)}
            />
            {renderExtra?.(id, entry)}
            {editing && (
              <button
                type="button"
                className="dt-button dt-button--icon"
                aria-label={removeLabel}
                title={removeLabel}
                onPointerDown={stopCanvasPointer}
                onClick={() => onRemove(id)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {editing && (
        <button type="button" className="dt-button" onPointerDown={stopCanvasPointer} onClick={onAdd}>
          + {addLabel}
        </button>
      )}
    </section>
  )
}
