import type { Editor, TLRecord } from 'tldraw'
import { BACKUP_FORMAT_VERSION, type BoardBackup } from './boardFile'
import { assetUrlsIn, blobToDataUrl } from './boardAssets'

/** The board's document records (no cursors, cameras or selections). */
export function documentRecords(editor: Editor): TLRecord[] {
  return Object.values(editor.store.serialize('document'))
}

/**
 * A whole-board backup: the records and schema (a .tldr document) plus every image the
 * board uses, fetched from our asset store, so the board can move to another server.
 * An image that cannot be fetched is left out and reported in `missing`.
 */
export async function createBoardBackup(
  editor: Editor,
  board: { id: string; name: string },
  fetchFn: typeof fetch = (...args) => fetch(...args),
): Promise<{ json: string; missing: string[] }> {
  const records = documentRecords(editor)
  const files: Record<string, string> = {}
  const missing: string[] = []
  for (const url of assetUrlsIn(records)) {
    try {
      const res = await fetchFn(url)
      if (!res.ok) throw new Error(String(res.status))
      files[url] = await blobToDataUrl(await res.blob())
    } catch {
      missing.push(url)
    }
  }
  const backup: BoardBackup = {
    civicCanvasBackup: BACKUP_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    board,
    tldrawFileFormatVersion: 1,
    schema: editor.store.schema.serialize(),
    records,
    files,
  }
  return { json: JSON.stringify(backup), missing }
}
