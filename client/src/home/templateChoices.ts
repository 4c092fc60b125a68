import type { TemplateId } from '../../../shared/templates/templateIds'
import type { MessageKey } from '../i18n/translate'

/** One entry of the "New board" template picker. */
export interface TemplateChoice {
  id: TemplateId
  name: MessageKey
  description: MessageKey
}

/** What "New board" offers, in the order shown: blank, the workshop, then the two examples. */
export const TEMPLATE_CHOICES: readonly TemplateChoice[] = [
  { id: 'blank', name: 'templateBlankName', description: 'templateBlankDescription' },
  { id: 'five-step', name: 'templateFiveStepName', description: 'templateFiveStepDescription' },
  { id: 'data-request-helper', name: 'templateDataRequestHelperName', description: 'templateDataRequestHelperDescription' },
  { id: 'bus-arrival', name: 'templateBusArrivalName', description: 'templateBusArrivalDescription' },
]

/** The choice for `id` (every template has one). */
export function templateChoice(id: TemplateId): TemplateChoice {
  const choice = TEMPLATE_CHOICES.find((c) => c.id === id)
  if (!choice) throw new Error(`template "${id}" is missing from TEMPLATE_CHOICES: add its name and description`)
  return choice
}
