/** One benchmark's outcome: a table for people, checks for the summary line, data for tests. */
export interface BenchResult<Data = unknown> {
  name: string
  table: string
  /** One line: the headline numbers and PASS/MISS against the issue's targets. */
  summary: string
  /** Each target with whether it was met. */
  checks: TargetCheck[]
  data: Data
}

/** One target of issue 8 and how this run fared. */
export interface TargetCheck {
  target: string
  actual: string
  pass: boolean
}

/** Renders rows as an aligned plain-text table (first row is the header). */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  const [header, ...body] = rows
  if (!header) return ''
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

/** `name: PASS (target: actual; ...)` from a bench's checks. */
export function summaryLine(name: string, headline: string, checks: readonly TargetCheck[]): string {
  const verdict = checks.every((c) => c.pass) ? 'PASS' : 'MISS'
  const detail = checks.map((c) => `${c.pass ? 'PASS' : 'MISS'} ${c.target} (${c.actual})`).join('; ')
  return `${name}: ${verdict} — ${headline}${detail ? ` — ${detail}` : ''}`
}
