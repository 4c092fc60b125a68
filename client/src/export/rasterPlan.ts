/** Chromium's canvas limits: each side at most 16,384 px… */
export const MAX_CANVAS_SIDE = 16_384
/** …and at most 268,435,456 px (16,384²) in all. */
export const MAX_CANVAS_AREA = 268_435_456

export interface RasterRequest {
  /** Size of what is exported, in page units. */
  width: number
  height: number
  /** Requested scale (1, 2 or 3). */
  scale: number
  /** Height in page units added for the title line (0 without one). */
  titleHeight?: number
  maxSide?: number
  maxArea?: number
}

export interface RasterPlan {
  /** The scale actually used: the requested one, or the largest that fits one canvas. */
  scale: number
  /** The image's size in pixels. */
  pixelWidth: number
  pixelHeight: number
  /** True when the requested scale did not fit: the user must be told. */
  lowered: boolean
}

/**
 * Picks the scale for a PNG: the requested one if the picture fits one browser canvas,
 * otherwise the largest scale (two decimals, rounded down) that does. Never silently fails:
 * the caller shows `lowered` as a message.
 */
export function planRaster(request: RasterRequest): RasterPlan {
  const { width, height, scale } = request
  const maxSide = request.maxSide ?? MAX_CANVAS_SIDE
  const maxArea = request.maxArea ?? MAX_CANVAS_AREA
  const totalHeight = height + (request.titleHeight ?? 0)
  if (!(width > 0 && totalHeight > 0 && scale > 0)) throw new Error(`Nothing to export: the area is ${width} × ${totalHeight}.`)
  // Rounded up, minus float noise (12000 × 1.36 is 16320.000000000002 in binary).
  const px = (size: number, s: number) => Math.ceil(size * s - 1e-6)
  const fits = (s: number) =>
    px(width, s) <= maxSide && px(totalHeight, s) <= maxSide && px(width, s) * px(totalHeight, s) <= maxArea
  let used = scale
  if (!fits(scale)) {
    const bySide = maxSide / Math.max(width, totalHeight)
    const byArea = Math.sqrt(maxArea / (width * totalHeight))
    used = Math.floor(Math.min(scale, bySide, byArea) * 100) / 100
    while (used > 0.01 && !fits(used)) used = Math.round((used - 0.01) * 100) / 100
  }
  return {
    scale: used,
    pixelWidth: px(width, used),
    pixelHeight: px(totalHeight, used),
    lowered: used < scale,
  }
}

/** Paper sizes in PDF points (1/72 inch), landscape. */
export const PAPER = { A4: { width: 841.89, height: 595.28 }, A3: { width: 1190.55, height: 841.89 } } as const
export type PaperSize = keyof typeof PAPER

/**
 * The scale at which a frame is rasterised for a PDF page so it prints at `dpi` when fitted
 * to the page's printable area, capped to what one canvas holds.
 */
export function pdfRasterScale(frame: { width: number; height: number }, box: { width: number; height: number }, dpi = 200): number {
  const fit = Math.min(box.width / frame.width, box.height / frame.height)
  const wanted = Math.max(1, fit * (dpi / 72))
  return planRaster({ width: frame.width, height: frame.height, scale: wanted }).scale
}
