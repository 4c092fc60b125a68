import type { TLAsset, TLRecord, TLSchema } from 'tldraw'
import { AssetUploadError, createServerAssetStore } from '../assets/serverAssetStore'
import { checkImportSize, ImportError, parseBoardFile, MAX_IMPORT_BYTES } from './boardFile'
import { assetUrlsIn, dataUrlToFile, inlineAssetSources, rewriteUrls } from './boardAssets'
import { createBoardForImport, writeRecordsToBoard, type CreatedBoard } from './newBoard'

export type ImportStage = 'reading' | 'creating' | 'uploading' | 'writing'

export interface ImportOptions {
  /** The live board's schema (tldraw's shapes plus ours), so the file is migrated to it. */
  schema: TLSchema
  /** Websocket base, e.g. ws://host/ws. */
  serverUrl: string
  maxBytes?: number
  onStage?: (stage: ImportStage) => void
  fetch?: typeof fetch
}

/** The name a new board gets from a file: its stored name, else the file name without extension. */
export function boardNameFromFile(fileName: string, stored: string | null): string {
  return (stored?.trim() || fileName.replace(/\.(tldr|json)$/i, '')).slice(0, 200)
}

/**
 * Opens a .tldr file or one of our backups as a NEW board: checks size (before reading),
 * parses and migrates it, and only then creates the board, uploads its images to the new
 * board's asset store (nothing stays inline), writes the records and waits until the
 * server holds them. Throws ImportError; the board someone is on is never touched.
 */
export async function importBoardFile(file: File, options: ImportOptions): Promise<CreatedBoard> {
  const sizeProblem = checkImportSize(file.size, options.maxBytes ?? MAX_IMPORT_BYTES)
  if (sizeProblem) throw new ImportError(sizeProblem, `${file.size} bytes`)
  options.onStage?.('reading')
  const parsed = parseBoardFile(await file.text(), options.schema)
  if (!parsed.ok) throw new ImportError(parsed.reason, parsed.detail)
  const { records, files, name } = parsed.file

  options.onStage?.('creating')
  const board = await createBoardForImport(boardNameFromFile(file.name, name), options.fetch)

  options.onStage?.('uploading')
  const store = createServerAssetStore({ boardId: board.id, getToken: () => board.token, ...(options.fetch ? { fetch: options.fetch } : {}) })
  const replacements = new Map<string, string>()
  const sources = new Map<string, string>()
  for (const url of assetUrlsIn(records)) if (files[url]) sources.set(url, files[url])
  for (const dataUrl of inlineAssetSources(records)) sources.set(dataUrl, dataUrl)
  let n = 0
  for (const [from, dataUrl] of sources) {
    const image = dataUrlToFile(dataUrl, `image-${++n}`)
    if (!image) continue
    try {
      const { src } = await store.upload({ id: 'asset:import', typeName: 'asset' } as TLAsset, image)
      replacements.set(from, src)
    } catch (error) {
      // A type our store does not take (GIF, video) stays as the file had it; see docs/export.md.
      if (error instanceof AssetUploadError && error.reason === 'unsupported-type') continue
      throw new ImportError('server', error instanceof AssetUploadError ? error.message : String(error))
    }
  }
  const ready: TLRecord[] = rewriteUrls(records, replacements)

  options.onStage?.('writing')
  await writeRecordsToBoard({ board, records: ready, schema: options.schema, serverUrl: options.serverUrl })
  return board
}
