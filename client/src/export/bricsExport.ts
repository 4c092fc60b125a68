import type { TLRecord } from 'tldraw'
import { term, type Locale, type TermKey } from '../../../shared/i18n-terms'
import { bricsAnalysis, type BricsEntryView } from '../../../shared/rules'
import { toCsv } from './csv'

// The BRiCS matrix (stakeholders × benefits, risks, costs, with who carries each) as its
// own CSV and as a Markdown table for a report.

const EXTRA: Record<Locale, { steps: string; carrier: string }> = {
  en: { steps: 'Blueprint steps that depend on it', carrier: 'carried by' },
  'zh-tw': { steps: '依賴此利害關係人的服務步驟', carrier: '承擔者' },
}

function entryText(entry: BricsEntryView, locale: Locale): string {
  const text = entry.text.trim()
  return entry.carrierName ? `${text} (${EXTRA[locale].carrier}: ${entry.carrierName})` : text
}

/** Header and one row per stakeholder; several entries in one cell are one per line. */
export function bricsMatrixRows(records: Iterable<TLRecord>, locale: Locale): string[][] {
  const analysis = bricsAnalysis(records)
  const stepText = new Map(analysis.steps.map((s) => [s.id as string, s.stageName ? `${s.stageName}: ${s.text}` : s.text]))
  const header = [
    term('stakeholder.name', locale),
    term('stakeholder.group', locale),
    term('stakeholder.sector', locale),
    term('stakeholder.benefits', locale),
    term('stakeholder.risks', locale),
    term('stakeholder.costs', locale),
    EXTRA[locale].steps,
  ]
  const rows = analysis.stakeholders.map((s) => {
    const list = (entries: BricsEntryView[]) => entries.filter((e) => e.text.trim() !== '').map((e) => entryText(e, locale)).join('\n')
    return [
      s.name,
      term(`stakeholder.group.${s.group}` as TermKey, locale),
      term(`stakeholder.sector.${s.sector}` as TermKey, locale),
      list(s.benefits),
      list(s.risks),
      list(s.costs),
      s.stepIds.map((id) => stepText.get(id) ?? id).join('\n'),
    ]
  })
  return [header, ...rows]
}

/** The BRiCS matrix as CSV (UTF-8 BOM, CRLF). */
export function bricsMatrixCsv(records: Iterable<TLRecord>, locale: Locale): string {
  return toCsv(bricsMatrixRows(records, locale))
}

function markdownCell(cell: string): string {
  return cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

/** The BRiCS matrix as a Markdown table under a heading. */
export function bricsMatrixMarkdown(records: Iterable<TLRecord>, locale: Locale, title: string): string {
  const [header, ...rows] = bricsMatrixRows(records, locale)
  const line = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`
  return [`# ${title}`, '', line(header!), `|${header!.map(() => ' --- ').join('|')}|`, ...rows.map(line), ''].join('\n')
}
