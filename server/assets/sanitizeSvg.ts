/**
 * SVG sanitiser for uploaded images. It re-writes the document from an allowlist instead of
 * deleting known-bad parts: anything it does not recognise (scripts, foreignObject, links,
 * animation that can set hrefs, doctypes and their entities, event attributes, references
 * to other sites) is left out, and every kept value is escaped again on output.
 */

const ALLOWED_ELEMENTS = new Set(
  [
    'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'style',
    'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
    'text', 'tspan', 'textPath',
    'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker', 'image',
    'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feDropShadow', 'feFlood',
    'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset',
  ].map((name) => name.toLowerCase()),
)

const ATTRIBUTE_NAME = /^[A-Za-z_][-A-Za-z0-9_.]*(:[A-Za-z_][-A-Za-z0-9_.]*)?$/
const ELEMENT_NAME = /^[A-Za-z_][-A-Za-z0-9_.:]*/
const INLINE_RASTER = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=\s]*$/i
/** url(...) that points anywhere but into this document, @import, and script-ish values. */
const UNSAFE_CSS = /@import|url\(\s*['"]?\s*(?!#)|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i
const STANDARD_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g

/** Thrown when an upload claims to be SVG but is not well-formed enough to sanitise. */
export class SvgSanitizeError extends Error {}

interface OpenElement {
  name: string
  kept: boolean
}

/** Returns a safe copy of `source` (an SVG document as text); throws SvgSanitizeError if it cannot. */
export function sanitizeSvg(source: string): string {
  const s = source.replace(/^\uFEFF/, '')
  const out: string[] = []
  const stack: OpenElement[] = []
  let sawRoot = false
  let i = 0

  const skipPast = (marker: string, what: string) => {
    const end = s.indexOf(marker, i)
    if (end < 0) throw new SvgSanitizeError(`The SVG has an unterminated ${what}.`)
    i = end + marker.length
  }
  const keepingText = () => stack.length > 0 && stack[stack.length - 1]!.kept

  while (i < s.length) {
    if (s.startsWith('<!--', i)) {
      skipPast('-->', 'comment')
    } else if (s.startsWith('<![CDATA[', i)) {
      const start = i + 9
      skipPast(']]>', 'CDATA section')
      if (keepingText()) out.push(escapeText(s.slice(start, i - 3)))
    } else if (s.startsWith('<!', i)) {
      skipDoctype()
    } else if (s.startsWith('<?', i)) {
      skipPast('?>', 'processing instruction')
    } else if (s.startsWith('</', i)) {
      const end = s.indexOf('>', i)
      if (end < 0) throw new SvgSanitizeError('The SVG has an unterminated closing tag.')
      const name = s.slice(i + 2, end).trim()
      const open = stack.pop()
      if (!open || open.name !== name) throw new SvgSanitizeError(`The SVG closes <${name}> that is not open.`)
      if (open.kept) out.push(`</${name}>`)
      i = end + 1
    } else if (s[i] === '<') {
      readStartTag()
    } else {
      const end = s.indexOf('<', i)
      const text = s.slice(i, end < 0 ? s.length : end)
      if (keepingText()) out.push(escapeText(text))
      else if (stack.length === 0 && text.trim() !== '') throw new SvgSanitizeError('The SVG has text outside its <svg> element.')
      i = end < 0 ? s.length : end
    }
  }
  if (stack.length > 0) throw new SvgSanitizeError(`The SVG ends before <${stack[stack.length - 1]!.name}> is closed.`)
  if (!sawRoot) throw new SvgSanitizeError('The file has no <svg> element.')
  return out.join('')

  function skipDoctype() {
    // A doctype may carry an internal subset [ ... ] with entity declarations: skip all of it.
    let depth = 0
    for (i += 2; i < s.length; i++) {
      const c = s[i]
      if (c === '[') depth++
      else if (c === ']') depth--
      else if (c === '>' && depth <= 0) {
        i++
        return
      }
    }
    throw new SvgSanitizeError('The SVG has an unterminated doctype.')
  }

  function readStartTag() {
    const nameMatch = ELEMENT_NAME.exec(s.slice(i + 1, i + 200))
    if (!nameMatch) throw new SvgSanitizeError('The SVG has a malformed tag.')
    const name = nameMatch[0]
    i += 1 + name.length
    const attributes: Array<[string, string]> = []
    for (;;) {
      while (i < s.length && /\s/.test(s[i]!)) i++
      if (i >= s.length) throw new SvgSanitizeError(`The SVG ends inside <${name}>.`)
      if (s.startsWith('/>', i) || s[i] === '>') break
      const attr = /^([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(s.slice(i, i + 100_000))
      if (!attr) throw new SvgSanitizeError(`The SVG has a malformed attribute in <${name}>.`)
      attributes.push([attr[1]!, attr[3] ?? attr[4] ?? ''])
      i += attr[0].length
    }
    const selfClosing = s[i] === '/'
    i += selfClosing ? 2 : 1

    const isRoot = stack.length === 0
    if (isRoot) {
      if (sawRoot) throw new SvgSanitizeError('The SVG has more than one root element.')
      if (name.toLowerCase() !== 'svg') throw new SvgSanitizeError(`The file's root element is <${name}>, not <svg>.`)
      sawRoot = true
    }
    const parentKept = isRoot || stack[stack.length - 1]!.kept
    let kept = parentKept && ALLOWED_ELEMENTS.has(name.toLowerCase())
    if (kept && !selfClosing && name.toLowerCase() === 'style') {
      // A stylesheet may not fetch anything (url(), @import): drop the whole element if it tries.
      const end = s.indexOf('</', i)
      kept = !UNSAFE_CSS.test(decodeEntities(s.slice(i, end < 0 ? s.length : end)))
    }
    if (kept) out.push(startTag(name, attributes, selfClosing, isRoot))
    if (!selfClosing) stack.push({ name, kept })
  }
}

function startTag(name: string, attributes: ReadonlyArray<[string, string]>, selfClosing: boolean, isRoot: boolean): string {
  const kept = attributes.filter(([attr, value]) => isSafeAttribute(name, attr, value))
  if (isRoot && !kept.some(([attr]) => attr === 'xmlns')) kept.unshift(['xmlns', 'http://www.w3.org/2000/svg'])
  const rendered = kept.map(([attr, value]) => ` ${attr}="${escapeAttribute(value)}"`).join('')
  return `<${name}${rendered}${selfClosing ? '/>' : '>'}`
}

function isSafeAttribute(element: string, name: string, rawValue: string): boolean {
  if (!ATTRIBUTE_NAME.test(name)) return false
  const lower = name.toLowerCase()
  if (lower.startsWith('on')) return false
  const value = decodeEntities(rawValue).trim()
  if (lower === 'href' || lower.endsWith(':href')) {
    if (value.startsWith('#')) return true
    return element.toLowerCase() === 'image' && INLINE_RASTER.test(value)
  }
  if (lower === 'xmlns' || lower.startsWith('xmlns:')) return /^https?:\/\/www\.w3\.org\//.test(value) || lower !== 'xmlns'
  if (/javascript:|vbscript:|data:/i.test(value.replace(/\s+/g, ''))) return false
  return !UNSAFE_CSS.test(value)
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-fA-F]{1,6});/g, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d{1,7});/g, (_, dec: string) => safeCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
}

function escapeAttribute(raw: string): string {
  return decodeEntities(raw).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
}

function escapeText(raw: string): string {
  // Keep the standard entities; an unknown named one (declared in a dropped doctype) becomes text.
  return raw.replace(STANDARD_ENTITY, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
