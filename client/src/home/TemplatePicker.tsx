import type { TemplateId } from '../../../shared/templates/templateIds'
import { useT } from '../i18n/useT'
import { TEMPLATE_CHOICES } from './templateChoices'
import './templatePicker.css'

export interface TemplatePickerProps {
  value: TemplateId
  onChange: (template: TemplateId) => void
  disabled?: boolean
}

/** The templates a new board can start from, as a radio group with a one-line description each. */
export function TemplatePicker({ value, onChange, disabled = false }: TemplatePickerProps) {
  const t = useT()
  return (
    <fieldset className="template-picker" disabled={disabled}>
      <legend className="field-label">{t('templatePickerLegend')}</legend>
      {TEMPLATE_CHOICES.map((choice) => (
        <label
          key={choice.id}
          className={`template-option${choice.id === value ? ' template-option-selected' : ''}`}
          data-testid={`template-option-${choice.id}`}
        >
          <input
            type="radio"
            name="board-template"
            value={choice.id}
            checked={choice.id === value}
            onChange={() => onChange(choice.id)}
          />
          <span className="template-option-text">
            <span className="template-option-name">{t(choice.name)}</span>
            <span className="template-option-description muted">{t(choice.description)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
