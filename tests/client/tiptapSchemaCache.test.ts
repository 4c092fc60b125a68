import { generateHTML as tiptapGenerateHTML, type JSONContent } from '@tiptap/core'
import { toRichText, tipTapDefaultExtensions } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { generateHTML, schemaOf } from '../../client/src/text/tiptapCore'

const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) })

// What notes hold: plain text, CJK, marks, lists, links, empty paragraphs, characters HTML escapes.
const DOCUMENTS: [string, JSONContent][] = [
  ['plain text', toRichText('申請流程太複雜') as JSONContent],
  ['two paragraphs and an empty one', { type: 'doc', content: [paragraph(text('Benefit')), { type: 'paragraph' }, paragraph(text('Risk'))] }],
  ['marks', { type: 'doc', content: [paragraph(text('粗體', [{ type: 'bold' }]), text(' and '), text('highlight', [{ type: 'highlight' }, { type: 'italic' }]))] }],
  ['a link', { type: 'doc', content: [paragraph(text('gov.tw', [{ type: 'link', attrs: { href: 'https://www.gov.tw/' } }]))] }],
  ['a bullet list', { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('one'))] }, { type: 'listItem', content: [paragraph(text('two'))] }] }] }],
  ['characters HTML escapes', toRichText('<b>not bold</b> & "quoted"') as JSONContent],
  ['an empty document', { type: 'doc', content: [] }],
]

describe('generateHTML with the schema built once (client/src/text/tiptapCore.ts)', () => {
  it.each(DOCUMENTS)('renders %s exactly as TipTap does', (_name, doc) => {
    expect(generateHTML(doc, tipTapDefaultExtensions)).toBe(tiptapGenerateHTML(doc, tipTapDefaultExtensions))
  })

  it('builds the schema of an extension list once and keeps lists apart', () => {
    const first = schemaOf(tipTapDefaultExtensions)
    generateHTML(toRichText('a') as JSONContent, tipTapDefaultExtensions)
    expect(schemaOf(tipTapDefaultExtensions)).toBe(first)
    const fewer = tipTapDefaultExtensions.slice(0, 1)
    expect(schemaOf(fewer)).not.toBe(first)
    // Without the Highlight extension the mark is unknown to that schema, as with TipTap's own.
    const highlighted: JSONContent = { type: 'doc', content: [paragraph(text('x', [{ type: 'highlight' }]))] }
    expect(() => generateHTML(highlighted, fewer.filter((e) => e.name !== 'highlight'))).toThrow()
  })

  it('rejects content the schema does not allow, as TipTap does', () => {
    const bad: JSONContent = { type: 'doc', content: [{ type: 'no-such-node' }] }
    expect(() => tiptapGenerateHTML(bad, tipTapDefaultExtensions)).toThrow()
    expect(() => generateHTML(bad, tipTapDefaultExtensions)).toThrow()
  })
})
