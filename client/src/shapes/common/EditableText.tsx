import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'

// Plain-text editing of one field inside a shape. The text is a local draft while focused and
// committed on blur or Enter, never per keystroke: a remote change cannot clobber what is being
// typed, and an IME composition (注音, 倉頡, pinyin) is never cut short — Enter pressed to pick a
// candidate during composition does not commit.

export interface EditableTextProps {
  value: string
  /** Called with the new text when the draft is committed and differs from `value`. */
  onCommit: (text: string) => void
  /** When false the text is shown, not editable. */
  editing: boolean
  multiline?: boolean
  placeholder?: string
  /** Accessible name of the field. */
  label: string
  className?: string
  autoFocus?: boolean
}

/** True while an input method is composing (Enter then picks a candidate, it does not commit). */
export function isComposingKey(e: KeyboardEvent): boolean {
  // keyCode 229 is what Safari and older Chrome report for keys that belong to a composition.
  return e.nativeEvent.isComposing || e.keyCode === 229
}

/** Keeps pointer events inside a field from reaching the canvas (no drag, no deselect). */
export function stopCanvasPointer(e: PointerEvent): void {
  e.stopPropagation()
}

/** A text field that shows its value, or edits it in place when `editing`. */
export function EditableText({
  value,
  onCommit,
  editing,
  multiline = false,
  placeholder = '',
  label,
  className = '',
  autoFocus = false,
}: EditableTextProps) {
  const [draft, setDraft] = useState(value)
  const focused = useRef(false)
  // Set when Enter committed or Escape cancelled, so the blur that follows does nothing more.
  const settled = useRef(false)

  // Follow remote changes unless this field is being typed in.
  useEffect(() => {
    if (!focused.current) setDraft(value)
  }, [value])

  if (!editing) {
    return (
      <div className={`dt-text ${value ? '' : 'dt-text--empty'} ${className}`} aria-label={label}>
        {value || placeholder}
      </div>
    )
  }

  const commit = () => {
    if (draft !== value) onCommit(draft)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    // Keys typed here are text, not canvas shortcuts.
    e.stopPropagation()
    if (isComposingKey(e)) return
    if (e.key === 'Escape') {
      setDraft(value)
      settled.current = true
      e.currentTarget.blur()
      return
    }
    const commitKey = multiline ? e.key === 'Enter' && (e.metaKey || e.ctrlKey) : e.key === 'Enter'
    if (commitKey) {
      e.preventDefault()
      commit()
      settled.current = true
      e.currentTarget.blur()
    }
  }
  const common = {
    'aria-label': label,
    className: `dt-input ${className}`,
    value: draft,
    placeholder,
    autoFocus,
    onChange: (e: { currentTarget: { value: string } }) => setDraft(e.currentTarget.value),
    onFocus: () => {
      focused.current = true
      settled.current = false
    },
    onBlur: () => {
      focused.current = false
      if (settled.current) settled.current = false
      else commit()
    },
    onKeyDown,
    onPointerDown: stopCanvasPointer,
    onDoubleClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
  }
  return multiline ? <textarea {...common} rows={2} /> : <input type="text" {...common} />
}
