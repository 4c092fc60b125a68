import { serializeTldrawJson, type Editor } from 'tldraw'
import { toLocale } from '../../../shared/i18n-terms'
import type { Locale as UiLocale } from '../state/userSlice'
import { createBoardBackup, documentRecords } from '../import/boardBackup'
import { boardCsv } from './boardCsv'
import { bricsMatrixCsv, bricsMatrixMarkdown } from './bricsExport'
import { downloadBlob, downloadText } from './download'
import { exportPng, exportSvg, type ExportProgress, type ExportTarget } from './exportImage'
import { exportPdf } from './exportPdf'
import { exportFileName, isoDay } from './fileNames'
import { toPlainTldrawFile } from './plainTldraw'
import type { PaperSize } from './rasterPlan'

/** Everything an export needs to know about where it runs. */
export interface ExportContext {
  editor: Editor
  boardId: string
  boardName: string
  locale: UiLocale
  now: Date
  onProgress: (progress: ExportProgress) => void
}

/** What the dialog shows after an export: the file saved, and any caveat. */
export type ExportOutcome =
  | { kind: 'saved'; file: string }
  | { kind: 'lowered'; file: string; requested: number; used: number; width: number; height: number }
  | { kind: 'backup-missing'; file: string; count: number }

export interface PictureSettings {
  target: ExportTarget
  /** The frame or shape's name for the file name and title line ('' for board and selection). */
  partName: string
  scale: number
  background: boolean
  titleLine: boolean
}

function titleText(ctx: ExportContext, partName: string): string {
  return [ctx.boardName, partName, ctx.now.toLocaleDateString(ctx.locale)].filter((p) => p !== '').join(' · ')
}

/** Exports the picture as PNG and saves it. */
export async function savePng(ctx: ExportContext, settings: PictureSettings): Promise<ExportOutcome> {
  const png = await exportPng(ctx.editor, settings.target, {
    scale: settings.scale,
    background: settings.background,
    title: settings.titleLine ? titleText(ctx, settings.partName) : null,
    onProgress: ctx.onProgress,
  })
  const file = exportFileName({ board: ctx.boardName, part: settings.partName, date: ctx.now, extension: 'png' })
  downloadBlob(png.blob, file)
  return png.lowered
    ? { kind: 'lowered', file, requested: settings.scale, used: png.scale, width: png.width, height: png.height }
    : { kind: 'saved', file }
}

/** Exports the picture as SVG (fonts embedded) and saves it. */
export async function saveSvg(ctx: ExportContext, settings: PictureSettings): Promise<ExportOutcome> {
  const { svg } = await exportSvg(ctx.editor, settings.target, {
    background: settings.background,
    title: settings.titleLine ? titleText(ctx, settings.partName) : null,
    onProgress: ctx.onProgress,
  })
  const file = exportFileName({ board: ctx.boardName, part: settings.partName, date: ctx.now, extension: 'svg' })
  downloadText(svg, file, 'image/svg+xml')
  return { kind: 'saved', file }
}

/** A PDF with a page per frame. */
export async function savePdf(ctx: ExportContext, paper: PaperSize): Promise<ExportOutcome> {
  const bytes = await exportPdf(ctx.editor, { paper, boardName: ctx.boardName, dateText: ctx.now.toLocaleDateString(ctx.locale), onProgress: ctx.onProgress })
  const file = exportFileName({ board: ctx.boardName, date: ctx.now, extension: 'pdf' })
  downloadBlob(new Blob([bytes.slice().buffer], { type: 'application/pdf' }), file)
  return { kind: 'saved', file }
}

/** The notes-and-cards CSV, the BRiCS CSV or the BRiCS Markdown. */
export function saveTable(ctx: ExportContext, which: 'csv' | 'brics-csv' | 'brics-md', bricsTitle: string): ExportOutcome {
  const records = documentRecords(ctx.editor)
  const locale = toLocale(ctx.locale)
  if (which === 'csv') {
    const file = exportFileName({ board: ctx.boardName, date: ctx.now, extension: 'csv' })
    downloadText(boardCsv(records, { locale }), file, 'text/csv')
    return { kind: 'saved', file }
  }
  const part = 'BRiCS'
  if (which === 'brics-csv') {
    const file = exportFileName({ board: ctx.boardName, part, date: ctx.now, extension: 'csv' })
    downloadText(bricsMatrixCsv(records, locale), file, 'text/csv')
    return { kind: 'saved', file }
  }
  const file = exportFileName({ board: ctx.boardName, part, date: ctx.now, extension: 'md' })
  downloadText(bricsMatrixMarkdown(records, locale, bricsTitle), file, 'text/markdown')
  return { kind: 'saved', file }
}

/** The .tldr file (images inlined by tldraw, so tldraw.com can show them). */
export async function saveTldr(ctx: ExportContext): Promise<ExportOutcome> {
  const json = await serializeTldrawJson(ctx.editor)
  const file = exportFileName({ board: ctx.boardName, date: ctx.now, extension: 'tldr' })
  downloadText(json, file, 'application/vnd.tldraw+json')
  return { kind: 'saved', file }
}

/** A .tldr that tldraw.com opens: design shapes turned into tldraw's own shapes (see docs/export.md). */
export async function saveTldrForTldrawCom(ctx: ExportContext): Promise<ExportOutcome> {
  const json = toPlainTldrawFile(await serializeTldrawJson(ctx.editor), toLocale(ctx.locale))
  const file = exportFileName({ board: ctx.boardName, part: 'tldraw.com', date: ctx.now, extension: 'tldr' })
  downloadText(json, file, 'application/vnd.tldraw+json')
  return { kind: 'saved', file }
}

/** The whole-board backup (records, schema and images) for moving the board to another server. */
export async function saveBackup(ctx: ExportContext): Promise<ExportOutcome> {
  const { json, missing } = await createBoardBackup(ctx.editor, { id: ctx.boardId, name: ctx.boardName })
  const file = exportFileName({ board: ctx.boardName, part: `backup ${isoDay(ctx.now)}`, extension: 'json' })
  downloadText(json, file, 'application/json')
  return missing.length ? { kind: 'backup-missing', file, count: missing.length } : { kind: 'saved', file }
}
