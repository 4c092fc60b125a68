import { describe, expect, it } from 'vitest'
import { sniffImageType, acceptedMimeType } from '../../server/assets/imageType'
import { sanitizeSvg, SvgSanitizeError } from '../../server/assets/sanitizeSvg'

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]
const bytes = (values: number[]) => Uint8Array.from(values)
const text = (value: string) => new TextEncoder().encode(value)

describe('sniffImageType', () => {
  it.each([
    ['PNG signature', bytes(PNG_HEAD), 'image/png'],
    ['JPEG SOI marker', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'image/jpeg'],
    ['RIFF WEBP', bytes([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56]), 'image/webp'],
    ['RIFF but WAVE', bytes([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45]), null],
    ['bare svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    ['svg after BOM, declaration, comment, doctype', text('\uFEFF<?xml version="1.0"?>\n<!-- x --><!DOCTYPE svg>\n<svg>'), 'image/svg+xml'],
    ['html', text('<!doctype html><html><svg></svg></html>'), null],
    ['svg-ish word', text('<svgx>'), null],
    ['unterminated doctype', text('<!DOCTYPE svg'), null],
    ['plain text', text('hello'), null],
    ['empty', bytes([]), null],
    ['GIF', text('GIF89a'), null],
  ])('%s', (_name, input, expected) => {
    expect(sniffImageType(input)).toBe(expected)
  })

  it.each([
    ['image/png', 'image/png'],
    ['IMAGE/JPEG; charset=binary', 'image/jpeg'],
    ['image/svg+xml', 'image/svg+xml'],
    ['image/gif', null],
    ['text/html', null],
    [undefined, null],
  ])('Content-Type %s is accepted as %s', (header, expected) => {
    expect(acceptedMimeType(header)).toBe(expected)
  })
})

describe('sanitizeSvg', () => {
  it.each([
    ['script element and its content', '<svg><script>alert(1)</script><rect width="1"/></svg>', /<rect width="1"\/>/, /script|alert/],
    ['foreignObject with HTML inside', '<svg><foreignObject><iframe src="https://evil"/></foreignObject><g/></svg>', /<g\/>/, /foreignObject|iframe|evil/],
    ['event attributes in any case', '<svg onload="x()"><rect OnClick="y()" fill="red"/></svg>', /fill="red"/, /onload|OnClick|x\(\)/],
    ['external href on use and image', '<svg><use href="https://evil/x.svg#a"/><image xlink:href="http://evil/p.png"/></svg>', /<use\/>/, /evil/],
    ['javascript: href in a link', '<svg><a href="javascript:alert(1)"><text>hi</text></a></svg>', /<svg xmlns/, /javascript|<a|hi/],
    ['entity-encoded javascript href', '<svg><use href="&#106;avascript:alert(1)"/></svg>', /<use\/>/, /avascript/],
    ['url() to another site in style attribute', '<svg><rect style="fill:url(https://evil/#x)"/></svg>', /<rect\/>/, /evil/],
    ['@import in a style element', '<svg><style>@import url(https://evil/a.css);</style><g/></svg>', /<g\/>/, /evil|<style/],
    ['animation that could set an href', '<svg><set attributeName="href" to="javascript:x"/></svg>', /<svg/, /set|javascript/],
    ['doctype with entities', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg><text>&x;</text></svg>', /<text>&amp;x;<\/text>/, /ENTITY|passwd/],
  ])('removes %s', (_name, input, kept, removed) => {
    const output = sanitizeSvg(input)
    expect(output).toMatch(kept)
    expect(output).not.toMatch(removed)
  })

  it('keeps internal references, gradients, inline raster images, text and adds the SVG namespace', () => {
    const input =
      '<svg viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
      '<rect fill="url(#g)" width="10" height="10"/><use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>' +
      '<text x="1">使用者 &amp; 服務</text><style>rect { fill: red }</style></svg>'
    const output = sanitizeSvg(input)
    expect(output.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">')).toBe(true)
    for (const part of ['fill="url(#g)"', '<use href="#g"/>', 'data:image/png;base64,iVBORw0KGgo=', '使用者 &amp; 服務', 'rect { fill: red }']) {
      expect(output).toContain(part)
    }
  })

  it('escapes attribute values again on output', () => {
    expect(sanitizeSvg('<svg><text font-family="a&quot; onload=&quot;x">t</text></svg>')).toContain(
      'font-family="a&quot; onload=&quot;x"',
    )
  })

  it.each([
    ['unclosed element', '<svg><g></svg>'],
    ['root that is not svg', '<html><svg/></html>'],
    ['two roots', '<svg/><svg/>'],
    ['unterminated comment', '<svg><!-- </svg>'],
    ['unquoted attribute', '<svg width=10/>'],
    ['text only', 'not an svg'],
  ])('refuses %s', (_name, input) => {
    expect(() => sanitizeSvg(input)).toThrow(SvgSanitizeError)
  })
})
