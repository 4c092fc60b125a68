import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { isComposingKey } from '../shapes/common/EditableText'

export interface BricsEntryFieldProps {
  value: string
  label: string
  autoFocus?: boolean
  disabled?: boolean
  onCommit: (text: string) => void
}

/**
 * One B / R / C entry's text in the panel. A local draft while focused, committed on Enter or
 * blur (never per keystroke, never during an IME composition); Escape restores the card's
 * text. Focus stays in the field after Enter, so keyboard users keep their place in the table.
 */
export function BricsEntryField({ value, label, autoFocus = false, disabled = false, onCommit }: BricsEntryFieldProps) {
  const [draft, setDraft] = useState(value)
  const focused = useRef(false)

  useEffect(() => {
    if (!focused.current) setDraft(value)
  }, [value])

  const commit = () => {
    if (draft !== value) onCommit(draft)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Letters typed here are text, not canvas shortcuts.
    e.stopPropagation()
    if (isComposingKey(e)) return
    if (e.key === 'Enter') {
      e.preventDefault()
      commit()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      setDraft(value)
    }
  }
  return (
    <input
      type="text"
      className="brics-entry-input"
      aria-label={label}
      value={draft}
      autoFocus={autoFocus}
      disabled={disabled}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onFocus={() => {
        focused.current = true
      }}
      onBlur={() => {
        focused.current = false
        commit()
      }}
      onKeyDown={onKeyDown}
    />
  )
}
