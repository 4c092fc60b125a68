import { parseTldrawJsonFile, type SerializedSchema, type TLRecord, type TLSchema } from 'tldraw'
import { isSchemaNewer } from '../sync/schemaVersion'

// Reading a board file someone chose: a .tldr file (ours or tldraw.com's) or one of our
// backups. Everything is checked before anything is created, so a bad file changes nothing.

/** Files above this are refused before they are read (a board with its images stays far below). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/** Format version of our backups; a newer one is refused as "made by a newer version". */
export const BACKUP_FORMAT_VERSION = 1

/** Why a file could not be imported; each has a translated message. */
export type ImportFailure =
  | 'too-large'
  | 'not-json'
  | 'not-board-file'
  | 'tldraw-v1'
  | 'too-new'
  | 'migration-failed'
  | 'invalid-records'
  | 'empty'
  | 'network'
  | 'server'

/** Thrown (or returned) when an import is refused; `reason` picks the message. */
export class ImportError extends Error {
  constructor(
    readonly reason: ImportFailure,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason)
    this.name = 'ImportError'
  }
}

/** Our backup: a .tldr-like document plus the images it uses (by their URL on the old server). */
export interface BoardBackup {
  civicCanvasBackup: number
  exportedAt: string
  board: { id: string; name: string }
  tldrawFileFormatVersion: number
  schema: SerializedSchema
  records: TLRecord[]
  /** Asset URL on the board it came from → the image as a data URL. */
  files: Record<string, string>
}

/** A file that passed every check: migrated records and, for backups, the images to re-upload. */
export interface ParsedBoardFile {
  kind: 'tldr' | 'backup'
  /** Document records (shapes, pages, bindings, assets, document) at this app's schema. */
  records: TLRecord[]
  files: Record<string, string>
  /** The board name the file carried (backups), if any. */
  name: string | null
}

export type ParseResult = { ok: true; file: ParsedBoardFile } | { ok: false; reason: ImportFailure; detail?: string }

/** Refuses a file by size alone, before reading it. */
export function checkImportSize(size: number, max = MAX_IMPORT_BYTES): ImportFailure | null {
  if (size > max) return 'too-large'
  if (size === 0) return 'empty'
  return null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses and migrates a board file's text against this app's schema. */
export function parseBoardFile(text: string, schema: TLSchema): ParseResult {
  if (text.trim() === '') return { ok: false, reason: 'empty' }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: (error as Error).message }
  }
  if (!isObject(data)) return { ok: false, reason: 'not-board-file' }

  let tldr: Record<string, unknown> = data
  let files: Record<string, string> = {}
  let name: string | null = null
  const kind = 'civicCanvasBackup' in data ? 'backup' : 'tldr'
  if (kind === 'backup') {
    const version = data.civicCanvasBackup
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, reason: 'not-board-file' }
    if (version > BACKUP_FORMAT_VERSION) return { ok: false, reason: 'too-new', detail: `backup format ${version}` }
    if (isObject(data.files)) {
      files = Object.fromEntries(Object.entries(data.files).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].startsWith('data:')))
    }
    if (isObject(data.board) && typeof data.board.name === 'string') name = data.board.name
    tldr = { tldrawFileFormatVersion: data.tldrawFileFormatVersion, schema: data.schema, records: data.records }
  }

  // tldraw reports a file from a newer app as a generic migration error; tell it apart first.
  if (isObject(tldr.schema) && isSchemaNewer(tldr.schema as unknown as SerializedSchema, schema.serialize())) {
    return { ok: false, reason: 'too-new', detail: 'schema' }
  }
  const result = parseTldrawJsonFile({ json: JSON.stringify(tldr), schema })
  if (!result.ok) {
    const error = result.error
    switch (error.type) {
      case 'v1File':
        return { ok: false, reason: 'tldraw-v1' }
      case 'notATldrawFile':
        return { ok: false, reason: 'not-board-file' }
      case 'fileFormatVersionTooNew':
        return { ok: false, reason: 'too-new', detail: `file format ${error.version}` }
      case 'migrationFailed':
        return { ok: false, reason: error.reason === 'target-version-too-old' ? 'too-new' : 'migration-failed', detail: String(error.reason) }
      default:
        return { ok: false, reason: 'invalid-records', detail: String((error as { cause?: unknown }).cause ?? '') }
    }
  }
  const store = result.value
  const records = store
    .allRecords()
    .filter((record) => (store.schema.types as Record<string, { scope: string } | undefined>)[record.typeName]?.scope === 'document')
  store.dispose()
  if (!records.some((r) => r.typeName === 'shape')) return { ok: false, reason: 'empty' }
  return { ok: true, file: { kind, records, files, name } }
}
