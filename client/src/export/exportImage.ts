import { Box, getSvgAsImage, type Editor, type TLShapeId } from 'tldraw'
import { embedBundledFont } from './svgFonts'
import { planRaster } from './rasterPlan'

/** What is exported: the whole page, the selection, or one shape (a frame, a persona, a map, a card). */
export type ExportTarget = { kind: 'board' } | { kind: 'selection' } | { kind: 'shape'; id: TLShapeId }

export type ExportStage = 'preparing' | 'fonts' | 'rendering' | 'encoding' | 'page'

/** Progress of a long export, for the dialog's indicator. */
export interface ExportProgress {
  stage: ExportStage
  /** For multi-page exports: pages done and in all. */
  done?: number
  total?: number
}

export interface ImageExportOptions {
  /** 1×, 2× or 3× (may be lowered for a PNG too large for one canvas; see `lowered`). */
  scale: number
  /** Paint the board background; false gives a transparent PNG. */
  background: boolean
  /** A title line above the picture (board, frame, date), or nothing. */
  title?: string | null
  /** Embed the bundled font (default); false only to compare in tests. */
  embedFonts?: boolean
  onProgress?: (progress: ExportProgress) => void
}

/** A picture of an export target, as a self-contained SVG document. */
export interface ExportedSvg {
  svg: string
  /** Size in page units (title line included). */
  width: number
  height: number
}

/** Height of the title line in page units. */
export const TITLE_HEIGHT = 56
/** Space around a board or selection export (a single frame is exported to its edges). */
const PADDING = 32

/** The shapes the target covers, in paint order. Throws a readable error when there is nothing. */
export function targetShapeIds(editor: Editor, target: ExportTarget): TLShapeId[] {
  const ids =
    target.kind === 'board'
      ? editor.getCurrentPageShapesSorted().map((shape) => shape.id)
      : target.kind === 'selection'
        ? editor.getSelectedShapeIds()
        : editor.getShape(target.id)
          ? [target.id]
          : []
  if (ids.length === 0) {
    throw new Error(target.kind === 'selection' ? 'Nothing is selected: select shapes first.' : 'There is nothing to export on this page.')
  }
  return ids
}

/** The page bounds an export of the target covers (before the title line). */
export function targetBounds(editor: Editor, ids: readonly TLShapeId[]): Box | null {
  const boxes = ids.map((id) => editor.getShapePageBounds(id)).filter((b): b is Box => Boolean(b))
  return boxes.length ? Box.Common(boxes) : null
}

function addTitle(svgText: string, title: string, width: number, height: number, background: boolean): string {
  const ns = 'http://www.w3.org/2000/svg'
  const inner = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement
  const doc = document.implementation.createDocument(ns, 'svg', null)
  const outer = doc.documentElement
  const total = height + TITLE_HEIGHT
  outer.setAttribute('width', String(width))
  outer.setAttribute('height', String(total))
  outer.setAttribute('viewBox', `0 0 ${width} ${total}`)
  if (background) {
    const band = doc.createElementNS(ns, 'rect')
    band.setAttribute('width', String(width))
    band.setAttribute('height', String(TITLE_HEIGHT))
    band.setAttribute('fill', '#ffffff')
    outer.appendChild(band)
  }
  const text = doc.createElementNS(ns, 'text')
  text.setAttribute('x', '16')
  text.setAttribute('y', String(TITLE_HEIGHT / 2))
  text.setAttribute('dominant-baseline', 'middle')
  text.setAttribute('font-family', "'Noto Sans TC', sans-serif")
  text.setAttribute('font-size', '22')
  text.setAttribute('font-weight', '700')
  text.setAttribute('fill', '#1d1d1d')
  text.textContent = title
  outer.appendChild(text)
  const picture = doc.importNode(inner, true) as Element
  picture.setAttribute('x', '0')
  picture.setAttribute('y', String(TITLE_HEIGHT))
  outer.appendChild(picture)
  return new XMLSerializer().serializeToString(outer)
}

const BUNDLED_FONT_FILE = /\/noto-sans-tc-[^/?#]*\.woff2?(?:[?#]|$)/

/**
 * Runs tldraw's SVG export with fetches of the bundled font's files answered empty. tldraw
 * would download and inline every one of its ~800 slice files (both weights, WOFF and WOFF2)
 * on each export, seconds of work for a picture that needs a handful; embedBundledFont drops
 * those faces anyway and embeds the slices the text uses. tldraw fetches through
 * `window.fetch` at call time, so the swap is undone as soon as the export returns.
 */
async function skippingBundledFontFetches<T>(run: () => Promise<T>): Promise<T> {
  const original = window.fetch
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    return BUNDLED_FONT_FILE.test(url) ? Promise.resolve(new Response(new Blob([]))) : original.call(window, input, init)
  }
  try {
    return await run()
  } finally {
    window.fetch = original
  }
}

/** Exports the target as an SVG document with the bundled font embedded (and the title line, if asked). */
export async function exportSvg(editor: Editor, target: ExportTarget, options: Omit<ImageExportOptions, 'scale'> & { scale?: number }): Promise<ExportedSvg> {
  options.onProgress?.({ stage: 'preparing' })
  const ids = targetShapeIds(editor, target)
  const single = ids.length === 1 ? editor.getShape(ids[0]!) : undefined
  const padding = single && editor.isShapeFrameLike(single) ? 0 : PADDING
  const result = await skippingBundledFontFetches(() => editor.getSvgString(ids, { scale: 1, background: options.background, padding }))
  if (!result) throw new Error('The export produced no picture: the shapes may be hidden or empty.')
  let { svg } = result
  let height = result.height
  if (options.title) {
    svg = addTitle(svg, options.title, result.width, result.height, options.background)
    height += TITLE_HEIGHT
  }
  options.onProgress?.({ stage: 'fonts' })
  svg = await embedBundledFont(svg, document, { embed: options.embedFonts ?? true })
  return { svg, width: result.width, height }
}

/** A PNG of the target; `lowered` says the scale had to be reduced to fit one browser canvas. */
export interface ExportedPng {
  blob: Blob
  width: number
  height: number
  scale: number
  lowered: boolean
}

/** Exports the target as a PNG at the requested scale (or the largest one that fits a canvas). */
export async function exportPng(editor: Editor, target: ExportTarget, options: ImageExportOptions): Promise<ExportedPng> {
  const { svg, width, height } = await exportSvg(editor, target, options)
  const plan = planRaster({ width, height, scale: options.scale })
  options.onProgress?.({ stage: 'rendering' })
  const blob = await getSvgAsImage(svg, { type: 'png', width, height, pixelRatio: plan.scale })
  if (!blob) throw new Error('The browser could not draw the picture. Try a smaller scale or export one frame at a time.')
  options.onProgress?.({ stage: 'encoding' })
  return { blob, width: plan.pixelWidth, height: plan.pixelHeight, scale: plan.scale, lowered: plan.lowered }
}
