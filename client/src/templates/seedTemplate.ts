import * as Y from 'yjs'
import type { Editor, TLRecord, TLShape } from 'tldraw'
import { toLocale } from '../../../shared/i18n-terms'
import { getRecordsMap } from '../sync/recordLayout'
import { TEMPLATE_PAGE_ID, buildTemplate, isTemplateId, type TemplateId } from '../../../shared/templates'

// The first facilitator to open an empty board created from a template fills it. The records
// come from shared/templates with ids derived from the board id, so two facilitators seeding at
// the same moment write identical records and the doc converges to one copy; the
// `templateApplied` flag in the doc's meta map stops anyone seeding again (e.g. after the
// facilitator clears the board on purpose).

/** Key in `doc.getMap('meta')` set once a template has been put on the board. */
export const TEMPLATE_APPLIED_KEY = 'templateApplied'

/** What `seedTemplate` did, and if nothing, why. */
export type SeedOutcome =
  | 'seeded'
  /** Only facilitators seed. */
  | 'not-allowed'
  /** The board was created blank. */
  | 'blank'
  /** The server named a template this client does not know (older client): nothing is written. */
  | 'unknown-template'
  /** Someone seeded the board before (flag in the doc). */
  | 'already-applied'
  /** The board already has shapes (someone started drawing): never put a template over work. */
  | 'not-empty'

export interface SeedTemplateOptions {
  /** The board's id (the template's ids derive from it). */
  boardId: string
  /** The board's template, as `GET /api/boards/<id>` answers it. */
  template: string
  /** True for the facilitator (`role === 'facilitator'`); others never seed. */
  canSeed: boolean
  /** UI locale for prompts and example texts ('zh-TW', 'zh-tw' or 'en'). */
  locale: string
  /** Zoom the camera to the whole template after seeding (default true). */
  zoomToFit?: boolean
}

/** Looks at the doc as well: a big board's shapes reach the store after the editor mounts (BoardCanvas). */
function hasShapes(editor: Editor, doc: Y.Doc): boolean {
  if (editor.store.allRecords().some((record) => record.typeName === 'shape')) return true
  for (const record of getRecordsMap(doc).values()) if (record instanceof Y.Map && record.get('typeName') === 'shape') return true
  return false
}

/** Decides whether to seed, without writing anything. */
export function seedDecision(editor: Editor, doc: Y.Doc, options: SeedTemplateOptions): SeedOutcome | 'seed' {
  if (!options.canSeed) return 'not-allowed'
  if (options.template === 'blank') return 'blank'
  if (!isTemplateId(options.template)) return 'unknown-template'
  if (doc.getMap<unknown>('meta').get(TEMPLATE_APPLIED_KEY) === true) return 'already-applied'
  if (hasShapes(editor, doc)) return 'not-empty'
  return 'seed'
}

/** Page-level template shapes go on the store's `page:page`, or on the current page when a board has no such page. */
function onPage(records: TLRecord[], pageId: TLShape['parentId']): TLRecord[] {
  if (pageId === TEMPLATE_PAGE_ID) return records
  return records.map((record) =>
    record.typeName === 'shape' && record.parentId === TEMPLATE_PAGE_ID ? { ...record, parentId: pageId } : record
  )
}

/**
 * Puts the board's template on an empty board once, when this client is the facilitator. Call
 * it after the board's first sync, with the editor mounted over the bound store; it is safe to
 * call again (it answers why it did nothing).
 */
export function seedTemplate(editor: Editor, doc: Y.Doc, options: SeedTemplateOptions): SeedOutcome {
  const decision = seedDecision(editor, doc, options)
  if (decision !== 'seed') return decision
  const template = options.template as TemplateId // seedDecision checked it
  const pageId = editor.store.has(TEMPLATE_PAGE_ID) ? TEMPLATE_PAGE_ID : editor.getCurrentPageId()
  const records = onPage(buildTemplate(template, { boardId: options.boardId, locale: toLocale(options.locale) }), pageId)
  // Out of the undo history: an undo must not take the workshop's structure away. Locked
  // frames are written through the store, which does not apply the editor's lock rules.
  editor.run(() => editor.store.put(records), { history: 'ignore' })
  doc.transact(() => doc.getMap<unknown>('meta').set(TEMPLATE_APPLIED_KEY, true))
  if (options.zoomToFit !== false) {
    if (editor.getCurrentPageId() !== pageId) editor.setCurrentPage(pageId)
    editor.zoomToFit()
  }
  return 'seeded'
}
