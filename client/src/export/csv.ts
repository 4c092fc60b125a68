/** Excel on a zh-TW Windows reads a CSV as Big5 unless it starts with this byte order mark. */
export const UTF8_BOM = '\uFEFF'

/** A cell that Excel would run as a formula (=, +, @, or - not starting a number) gets a leading apostrophe. */
function defuseFormula(cell: string): string {
  if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d/.test(cell))) return `'${cell}`
  return cell
}

function quote(cell: string): string {
  const safe = defuseFormula(cell)
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** RFC 4180 CSV with a UTF-8 BOM and CRLF line ends; newlines inside cells are kept (quoted). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = rows.map((row) => row.map((cell) => quote(cell === null || cell === undefined ? '' : String(cell))).join(','))
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`
}

/** Parses CSV produced by `toCsv` (or any RFC 4180 text) back into rows; the BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
