import type { TLRecord } from '@tldraw/tlschema'
import type { Locale } from '../i18n-terms'
import { buildBusArrival } from './busArrival'
import { buildDataRequestHelper } from './dataRequestHelper'
import { buildFiveStep } from './fiveStep'
import type { TemplateId } from './templateIds'

// Board templates as pure functions of (template, board id, locale): the same inputs give the
// same records with the same ids on every client, so concurrent seeding converges. Importable
// by the Node server (no tldraw editor imports).

export * from './templateIds'
export { TEMPLATE_PAGE_ID, type Bilingual } from './templateBoard'
export { FEEDBACK_AREAS, STEP_TEXTS, type FeedbackArea } from './fiveStep'
export { BUS_ARRIVAL_STAKEHOLDERS } from './busArrival'
export { DATA_REQUEST_WHO, type DataRequestWho } from './dataRequestHelperContent'

/** Where a template is built: the board it is for and the language of its texts. */
export interface TemplateContext {
  boardId: string
  /** Language of prompts and example texts ('zh-tw' or 'en'). */
  locale: Locale
}

const builders: Record<TemplateId, (boardId: string, locale: Locale) => TLRecord[]> = {
  blank: () => [],
  'five-step': buildFiveStep,
  'data-request-helper': buildDataRequestHelper,
  'bus-arrival': buildBusArrival,
}

/**
 * The shape and binding records of `templateId` for one board, on the page `page:page`, with
 * ids derived from the board id. 'blank' has none.
 */
export function buildTemplate(templateId: TemplateId, context: TemplateContext): TLRecord[] {
  const build = builders[templateId]
  if (!build) throw new Error(`unknown template "${String(templateId)}": use one of ${Object.keys(builders).join(', ')}`)
  return build(context.boardId, context.locale)
}
