import { describe, expect, it } from 'vitest'
import { exportFileName, sanitizeNamePart } from '../../client/src/export/fileNames'
import { MAX_CANVAS_AREA, MAX_CANVAS_SIDE, PAPER, pdfRasterScale, planRaster } from '../../client/src/export/rasterPlan'

describe('export file names', () => {
  const day = new Date(2025, 2, 7, 15, 30)
  it.each([
    ['board only', { board: '公車到站服務', extension: 'png' }, '公車到站服務.png'],
    ['board, frame, date', { board: '公車到站服務', part: '同理', date: day, extension: 'pdf' }, '公車到站服務 - 同理 - 2025-03-07.pdf'],
    ['slashes and colons', { board: 'a/b\\c: d?', part: '*<x>|"', extension: 'csv' }, 'a b c d - x.csv'],
    ['control characters and runs of spaces', { board: 'x\u0000\u0007  \t y', extension: '.svg' }, 'x y.svg'],
    ['leading and trailing dots', { board: '...hidden.', extension: 'tldr' }, 'hidden.tldr'],
    ['nothing usable left', { board: '///', extension: 'png' }, 'board.png'],
    ['Windows reserved name', { board: 'CON', extension: 'txt' }, '_CON.txt'],
  ])('%s', (_name, parts, expected) => {
    expect(exportFileName(parts)).toBe(expected)
  })

  it('clips long names by characters, not bytes (Chinese stays whole)', () => {
    const long = '服'.repeat(200)
    const part = sanitizeNamePart(long)
    expect(Array.from(part)).toHaveLength(80)
    expect(part).toBe('服'.repeat(80))
  })

  it('normalises to NFC so the same name is one file', () => {
    expect(sanitizeNamePart('Cafe\u0301')).toBe('Caf\u00e9')
  })
})

describe('raster plan', () => {
  it.each([
    ['fits at the requested scale', { width: 1000, height: 800, scale: 2 }, { scale: 2, pixelWidth: 2000, pixelHeight: 1600, lowered: false }],
    ['title line adds height', { width: 1000, height: 800, scale: 1, titleHeight: 40 }, { scale: 1, pixelWidth: 1000, pixelHeight: 840, lowered: false }],
    ['too wide for one canvas side', { width: 10_000, height: 1000, scale: 2 }, { scale: 1.63, pixelWidth: 16_300, pixelHeight: 1630, lowered: true }],
    ['too many pixels in all', { width: 12_000, height: 12_000, scale: 3 }, { scale: 1.36, pixelWidth: 16_320, pixelHeight: 16_320, lowered: true }],
  ])('%s', (_name, request, expected) => {
    expect(planRaster(request)).toEqual(expected)
  })

  it('never exceeds the canvas limits, for any size', () => {
    for (const [w, h, s] of [[50_000, 300, 3], [300, 90_000, 1], [20_000, 20_000, 2], [16_385, 1, 1], [123_456, 65_432, 3]] as const) {
      const plan = planRaster({ width: w, height: h, scale: s })
      expect(plan.pixelWidth).toBeLessThanOrEqual(MAX_CANVAS_SIDE)
      expect(plan.pixelHeight).toBeLessThanOrEqual(MAX_CANVAS_SIDE)
      expect(plan.pixelWidth * plan.pixelHeight).toBeLessThanOrEqual(MAX_CANVAS_AREA)
      expect(plan.lowered).toBe(true)
      expect(plan.scale).toBeGreaterThan(0)
    }
  })

  it('refuses an empty area with a message', () => {
    expect(() => planRaster({ width: 0, height: 100, scale: 1 })).toThrow(/Nothing to export/)
  })

  it('rasterises a PDF page at about 200 dpi of the printed size, capped by the canvas', () => {
    const frame = { width: 1200, height: 800 }
    const a4 = { width: PAPER.A4.width - 72, height: PAPER.A4.height - 100 }
    const scale = pdfRasterScale(frame, a4)
    const printedWidthInches = (frame.width * Math.min(a4.width / frame.width, a4.height / frame.height)) / 72
    expect((frame.width * scale) / printedWidthInches).toBeCloseTo(200, 0)
    expect(pdfRasterScale({ width: 40_000, height: 2_000 }, a4)).toBeLessThanOrEqual(MAX_CANVAS_SIDE / 40_000)
  })
})
