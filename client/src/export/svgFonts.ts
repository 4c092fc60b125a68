// Makes an exported SVG carry the bundled Noto Sans TC, so Chinese text renders the same in
// the PNG, the SVG file and the PDF on any machine (the SVG is drawn as an isolated image: it
// sees no page fonts, only what it embeds). tldraw embeds the faces of the families it finds
// in HTML-rendered shapes (all 200-odd unicode-range slices of Noto Sans TC, ~9 MB), and none
// for its own SVG text, whose families end in a system fallback. We add Noto Sans TC to every
// font-family, drop tldraw's copies, and embed only the slices whose ranges hold characters
// the picture uses.

export const BUNDLED_FAMILY = 'Noto Sans TC'
const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-sans-serif', 'ui-serif'])

/** A font-family list with Noto Sans TC placed before the first generic family (or at the end). */
export function withBundledFallback(value: string): string {
  const families = value.split(',').map((part) => part.trim()).filter((part) => part !== '')
  if (families.some((f) => f.replace(/["']/g, '').toLowerCase() === BUNDLED_FAMILY.toLowerCase())) return value
  const at = families.findIndex((f) => GENERIC.has(f.toLowerCase()))
  families.splice(at < 0 ? families.length : at, 0, `'${BUNDLED_FAMILY}'`)
  return families.join(', ')
}

/** Parses a CSS unicode-range value into [start, end] code point pairs. */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const part of value.split(',')) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part)
    if (!m) continue
    const first = m[1]!
    if (first.includes('?')) ranges.push([parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'f'), 16)])
    else ranges.push([parseInt(first, 16), m[2] ? parseInt(m[2], 16) : parseInt(first, 16)])
  }
  return ranges
}

/** True when any code point falls in any range (no range means the whole of Unicode). */
export function rangeCovers(ranges: ReadonlyArray<[number, number]>, codePoints: ReadonlySet<number>): boolean {
  if (ranges.length === 0) return codePoints.size > 0
  for (const cp of codePoints) for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true
  return false
}

/** One @font-face of the bundled family as the page's stylesheets declare it. */
export interface BundledFace {
  weight: string
  style: string
  unicodeRange: string
  /** Absolute URL of the woff2 (first src). */
  url: string
}

/** Every @font-face of Noto Sans TC in the document's stylesheets (following @import). */
export function findBundledFaces(doc: Document): BundledFace[] {
  const faces: BundledFace[] = []
  const seen = new Set<string>()
  const visit = (rules: CSSRuleList | undefined, base: string, depth: number) => {
    if (!rules || depth > 5) return
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSImportRule) {
        try {
          visit(rule.styleSheet?.cssRules, rule.styleSheet?.href ?? base, depth + 1)
        } catch {
          // A sheet from another origin cannot be read; ours are same-origin.
        }
        continue
      }
      if (!(rule instanceof CSSFontFaceRule)) continue
      const style = rule.style
      if (style.getPropertyValue('font-family').replace(/["']/g, '').trim() !== BUNDLED_FAMILY) continue
      const src = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(style.getPropertyValue('src'))
      if (!src) continue
      const url = new URL(src[1]!, base).href
      if (seen.has(url)) continue
      seen.add(url)
      faces.push({
        weight: style.getPropertyValue('font-weight') || '400',
        style: style.getPropertyValue('font-style') || 'normal',
        unicodeRange: style.getPropertyValue('unicode-range'),
        url,
      })
    }
  }
  for (const sheet of Array.from(doc.styleSheets)) {
    try {
      visit(sheet.cssRules, sheet.href ?? doc.baseURI, 0)
    } catch {
      // unreadable (cross-origin) sheet
    }
  }
  return faces
}

const dataUrlCache = new Map<string, Promise<string>>()

async function fontAsDataUrl(url: string): Promise<string> {
  let pending = dataUrlCache.get(url)
  if (!pending) {
    pending = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`Could not load the bundled font ${url} (${res.status}).`)
      const bytes = new Uint8Array(await res.arrayBuffer())
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return `data:font/woff2;base64,${btoa(binary)}`
    })
    pending.catch(() => dataUrlCache.delete(url))
    dataUrlCache.set(url, pending)
  }
  return pending
}

/** Code points of all text in an SVG document (style sheets excluded). */
export function usedCodePoints(svg: Element): Set<number> {
  const points = new Set<number>()
  const walker = svg.ownerDocument.createTreeWalker(svg, 4 /* NodeFilter.SHOW_TEXT */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.localName === 'style') continue
    for (const ch of node.nodeValue ?? '') points.add(ch.codePointAt(0)!)
  }
  return points
}

const FONT_FACE_BLOCK = /@font-face\s*\{[^}]*\}/g

/**
 * Returns the SVG with Noto Sans TC as a fallback in every font-family and the slices of it
 * the text needs embedded as data URLs. With `embed: false` the font is taken out instead
 * (for comparison in tests: text then falls back to whatever the system has).
 */
export async function embedBundledFont(svgText: string, doc: Document, options: { embed?: boolean } = {}): Promise<string> {
  const embed = options.embed ?? true
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml')
  const svg = parsed.documentElement
  if (svg.localName !== 'svg') throw new Error('The export did not produce an SVG document.')

  for (const el of Array.from(svg.querySelectorAll('*'))) {
    const attr = el.getAttribute('font-family')
    if (attr && embed) el.setAttribute('font-family', withBundledFallback(attr))
    const inline = el.getAttribute('style')
    if (inline && /font-family/i.test(inline) && embed) {
      el.setAttribute('style', inline.replace(/font-family\s*:\s*([^;]+)/gi, (_m, value: string) => `font-family: ${withBundledFallback(value)}`))
    }
  }
  for (const style of Array.from(svg.querySelectorAll('style'))) {
    // tldraw's copies of our font: all slices, whatever the text needs.
    style.textContent = (style.textContent ?? '').replace(FONT_FACE_BLOCK, (block) => (block.includes(BUNDLED_FAMILY) ? '' : block))
  }
  if (!embed) return new XMLSerializer().serializeToString(svg)

  const points = usedCodePoints(svg)
  const faces = findBundledFaces(doc).filter((face) => rangeCovers(parseUnicodeRange(face.unicodeRange), points))
  const css = await Promise.all(
    faces.map(async (face) => {
      const data = await fontAsDataUrl(face.url)
      const range = face.unicodeRange ? `unicode-range:${face.unicodeRange};` : ''
      return `@font-face{font-family:'${BUNDLED_FAMILY}';font-style:${face.style};font-weight:${face.weight};src:url(${data}) format('woff2');${range}}`
    }),
  )
  if (css.length > 0) {
    const style = parsed.createElementNS('http://www.w3.org/2000/svg', 'style')
    style.textContent = css.join('\n')
    svg.insertBefore(style, svg.firstChild)
  }
  return new XMLSerializer().serializeToString(svg)
}
