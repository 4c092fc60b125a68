import type { Editor, TLFrameShape } from 'tldraw'
import notoSansTcUrl from '@fontsource/noto-sans-tc/files/noto-sans-tc-chinese-traditional-400-normal.woff?url'
import { framesInOrder } from './boardFrames'
import { exportPng, type ExportProgress } from './exportImage'
import { PAPER, pdfRasterScale, type PaperSize } from './rasterPlan'

// One page per frame (for the five-step board: a page per step), landscape A4 or A3. Each
// page holds the frame as a PNG at print resolution and the frame's name as real text in a
// subset of Noto Sans TC, so the step names are selectable and searchable. The font is the
// WOFF (not WOFF2) file of @fontsource's Traditional Chinese slice: fontkit subsets WOFF
// correctly but embeds a WOFF2 whole.

export interface PdfExportOptions {
  paper: PaperSize
  boardName: string
  /** Printed in each page's footer. */
  dateText: string
  onProgress?: (progress: ExportProgress) => void
}

const MARGIN = 36
const HEADING_SIZE = 18
const FOOTER_SIZE = 9

/** The frames that become pages: those on the current page, left to right. */
export function pdfFrames(editor: Editor): TLFrameShape[] {
  return framesInOrder(editor.getCurrentPageShapes(), editor.getCurrentPageId())
}

/** Builds the PDF; without frames, the whole page becomes one PDF page. */
export async function exportPdf(editor: Editor, options: PdfExportOptions): Promise<Uint8Array> {
  const [{ PDFDocument, rgb }, fontkit] = await Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit').then((m) => m.default)])
  const fontBytes = await fetch(notoSansTcUrl).then((res) => {
    if (!res.ok) throw new Error(`Could not load the bundled font for the PDF (${res.status}).`)
    return res.arrayBuffer()
  })
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  const font = await pdf.embedFont(fontBytes, { subset: true })
  const frames = pdfFrames(editor)
  const pages: Array<{ name: string; target: Parameters<typeof exportPng>[1]; size: { width: number; height: number } }> = frames.length
    ? frames.map((frame) => ({ name: frame.props.name, target: { kind: 'shape', id: frame.id }, size: { width: frame.props.w, height: frame.props.h } }))
    : [{ name: options.boardName, target: { kind: 'board' }, size: editor.getCurrentPageBounds() ?? { width: 1000, height: 1000 } }]

  pdf.setTitle(options.boardName)
  pdf.setSubject(pages.map((p) => p.name).join(' · '))
  pdf.setKeywords(pages.map((p) => p.name))
  pdf.setCreator('Civic Canvas')

  const { width: pageW, height: pageH } = PAPER[options.paper]
  const box = { width: pageW - 2 * MARGIN, height: pageH - 2 * MARGIN - HEADING_SIZE * 1.8 - FOOTER_SIZE * 2 }
  for (const [i, entry] of pages.entries()) {
    options.onProgress?.({ stage: 'page', done: i, total: pages.length })
    const png = await exportPng(editor, entry.target, { scale: pdfRasterScale(entry.size, box), background: true })
    const image = await pdf.embedPng(await png.blob.arrayBuffer())
    const page = pdf.addPage([pageW, pageH])
    page.drawText(entry.name || options.boardName, { x: MARGIN, y: pageH - MARGIN - HEADING_SIZE, size: HEADING_SIZE, font, color: rgb(0.11, 0.11, 0.11) })
    const fit = Math.min(box.width / image.width, box.height / image.height)
    const w = image.width * fit
    const h = image.height * fit
    const top = pageH - MARGIN - HEADING_SIZE * 1.8
    page.drawImage(image, { x: MARGIN + (box.width - w) / 2, y: top - h, width: w, height: h })
    const footer = `${options.boardName} · ${options.dateText} · ${i + 1}/${pages.length}`
    page.drawText(footer, { x: MARGIN, y: MARGIN - FOOTER_SIZE, size: FOOTER_SIZE, font, color: rgb(0.42, 0.45, 0.5) })
  }
  options.onProgress?.({ stage: 'page', done: pages.length, total: pages.length })
  return pdf.save()
}
