import { term, type Locale as TermLocale, type TermKey } from '../../../shared/i18n-terms'

// The course's terms (shared/i18n-terms.ts) that our own UI shows outside the shapes: tool
// labels, the BRiCS panel's headings, groups, sectors and lanes. They are merged into the app
// dictionary from the one term table, so a term is never spelled twice.

/** The shape terms the app dictionary carries. */
export const dictionaryTermKeys = [
  'shape.persona',
  'shape.journey-map',
  'shape.service-blueprint',
  'shape.stakeholder',
  'stakeholder.name',
  'stakeholder.group.user',
  'stakeholder.group.co-provider',
  'stakeholder.group.watcher',
  'stakeholder.sector.government',
  'stakeholder.sector.business',
  'stakeholder.sector.civil-society',
  'stakeholder.benefits',
  'stakeholder.risks',
  'stakeholder.costs',
  'stakeholder.carrier',
  'stakeholder.noCarrier',
  'blueprint.lane.physicalEvidence',
  'blueprint.lane.customerActions',
  'blueprint.lane.frontStage',
  'blueprint.lane.backStage',
  'blueprint.lane.supportProcesses',
  'journey.stage',
] as const satisfies readonly TermKey[]

export type DictionaryTermKey = (typeof dictionaryTermKeys)[number]

/** The dictionary's share of shape terms in one language. */
export function shapeTermsIn(locale: TermLocale): Record<DictionaryTermKey, string> {
  return Object.fromEntries(dictionaryTermKeys.map((key) => [key, term(key, locale)])) as Record<
    DictionaryTermKey,
    string
  >
}
