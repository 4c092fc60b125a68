// Plain text out of tldraw's rich text (a TipTap/ProseMirror JSON document), for the BRiCS
// panel and for copying notes: paragraphs become lines.

interface RichNode {
  type?: unknown
  text?: unknown
  content?: unknown
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'listItem', 'bulletList', 'orderedList', 'codeBlock', 'blockquote'])

/** The text of a rich-text document, with one line per paragraph; '' for anything unreadable. */
export function richTextToPlain(richText: unknown): string {
  const lines: string[] = []
  let current = ''
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const n = node as RichNode
    if (typeof n.text === 'string') current += n.text
    if (n.type === 'hardBreak') current += '\n'
    if (Array.isArray(n.content)) {
      for (const child of n.content) {
        walk(child)
        if (BLOCK_TYPES.has(String((child as RichNode | null)?.type)) && current !== '') {
          lines.push(current)
          current = ''
        }
      }
    }
  }
  walk(richText)
  if (current !== '') lines.push(current)
  return lines.join('\n')
}
