import { describe, expect, it } from 'vitest'
import { parseUnicodeRange, rangeCovers, withBundledFallback } from '../../client/src/export/svgFonts'

describe('withBundledFallback', () => {
  it.each([
    ["'tldraw_draw', sans-serif", "'tldraw_draw', 'Noto Sans TC', sans-serif"],
    ['"tldraw_mono", monospace', `"tldraw_mono", 'Noto Sans TC', monospace`],
    ['Inter', "Inter, 'Noto Sans TC'"],
    ["'Noto Sans TC', 'tldraw_draw', sans-serif", "'Noto Sans TC', 'tldraw_draw', sans-serif"],
    ['"Noto Sans TC"', '"Noto Sans TC"'],
    ['serif', "'Noto Sans TC', serif"],
  ])('%s → %s', (input, expected) => {
    expect(withBundledFallback(input)).toBe(expected)
  })
})

describe('unicode ranges', () => {
  it.each([
    ['U+4E00-9FFF', [[0x4e00, 0x9fff]]],
    ['U+0000-00FF, U+0131, U+4??', [[0, 0xff], [0x131, 0x131], [0x400, 0x4ff]]],
    ['u+1f921-1f930,U+20024', [[0x1f921, 0x1f930], [0x20024, 0x20024]]],
    ['', []],
  ])('parses %s', (value, ranges) => {
    expect(parseUnicodeRange(value)).toEqual(ranges)
  })

  it.each([
    ['a slice holding 同', 'U+540C', '同理', true],
    ['a slice holding none of the text', 'U+4E00-4E0F', '同理', false],
    ['no range (the whole font)', '', 'x', true],
    ['no text at all', 'U+0000-FFFF', '', false],
  ])('%s', (_name, range, text, expected) => {
    const points = new Set(Array.from(text, (ch) => ch.codePointAt(0)!))
    expect(rangeCovers(parseUnicodeRange(range), points)).toBe(expected)
  })
})
