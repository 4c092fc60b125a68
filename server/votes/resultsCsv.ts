import * as Y from 'yjs'
import { richTextToPlain } from '../../shared/rules/richText'
import { RECORDS_MAP } from '../access/touchedRecords'

/** One line of the results: a note, its text and its dots. */
export interface ResultRow {
  noteId: string
  text: string
  count: number
}

/** The plain text of a shape record in a board doc ('' when it has none or is gone). */
export function noteText(doc: Y.Doc, noteId: string): string {
  const record = doc.getMap(RECORDS_MAP).get(noteId)
  if (!(record instanceof Y.Map)) return ''
  const props: unknown = record.get('props')
  const plain: unknown = props instanceof Y.Map ? props.toJSON() : props
  if (typeof plain !== 'object' || plain === null) return ''
  const { richText, text } = plain as Record<string, unknown>
  if (richText !== undefined) return richTextToPlain(richText)
  return typeof text === 'string' ? text : ''
}

/** Ids of the note shapes inside `frameId` (at any depth of groups or frames). */
export function notesInFrame(doc: Y.Doc, frameId: string): string[] {
  const records = doc.getMap(RECORDS_MAP)
  const parentOf = (id: string): unknown => {
    const record = records.get(id)
    return record instanceof Y.Map ? record.get('parentId') : undefined
  }
  const found: string[] = []
  records.forEach((record, id) => {
    if (!(record instanceof Y.Map) || record.get('typeName') !== 'shape' || record.get('type') !== 'note') return
    let parent = parentOf(id)
    // Depth bound: a malformed board with a parent cycle must not hang the server.
    for (let depth = 0; typeof parent === 'string' && depth < 64; depth++) {
      if (parent === frameId) {
        found.push(id)
        return
      }
      parent = parentOf(parent)
    }
  })
  return found
}

/** Rows for the results: every counted note plus the frame's notes without dots, most dots first. */
export function resultRows(doc: Y.Doc, counts: Record<string, number>, frameId: string | null): ResultRow[] {
  const ids = new Set(Object.keys(counts))
  if (frameId !== null) for (const id of notesInFrame(doc, frameId)) ids.add(id)
  return [...ids]
    .map((noteId) => ({ noteId, text: noteText(doc, noteId), count: counts[noteId] ?? 0 }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'zh-Hant') || a.noteId.localeCompare(b.noteId))
}

/**
 * A spreadsheet can run a cell that starts with = + - @ (or a tab or CR) as a formula: a
 * participant's note must not become one on the facilitator's machine, so such text gets
 * a leading apostrophe.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The results as CSV (RFC 4180, CRLF) with a UTF-8 byte order mark, so spreadsheet programs read zh-TW text right. */
export function resultsCsv(rows: readonly ResultRow[]): string {
  const lines = [['note id', 'note text', 'count'], ...rows.map((r) => [r.noteId, r.text, String(r.count)])]
  return `\uFEFF${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`
}
