/** Characters no file system (Windows above all) accepts in a name, and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i
const MAX_LENGTH = 80

/** One part of a file name: forbidden characters become spaces, runs collapse, ends trimmed, Chinese kept. */
export function sanitizeNamePart(part: string): string {
  const cleaned = part.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '')
  const clipped = Array.from(cleaned).slice(0, MAX_LENGTH).join('').trim()
  return RESERVED.test(clipped) ? `_${clipped}` : clipped
}

export interface ExportFileNameParts {
  /** The board's name (or its id when it has none). */
  board: string
  /** The frame, step or shape exported, if not the whole board. */
  part?: string | null
  /** Added as YYYY-MM-DD, so several exports of one board sort by day. */
  date?: Date
  /** Without the dot: png, svg, pdf, csv, md, tldr, json. */
  extension: string
}

/** `<board> - <part> - <YYYY-MM-DD>.<ext>`, every part sanitised; "board" when nothing usable is left. */
export function exportFileName({ board, part, date, extension }: ExportFileNameParts): string {
  const pieces = [sanitizeNamePart(board), part ? sanitizeNamePart(part) : '']
  if (date) pieces.push(isoDay(date))
  const name = pieces.filter((piece) => piece !== '').join(' - ') || 'board'
  return `${name}.${extension.replace(/^\./, '')}`
}

/** The local calendar day as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
