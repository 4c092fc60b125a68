import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Editor } from 'tldraw'
import { toLocale } from '../../../shared/i18n-terms'
import { useT } from '../i18n/useT'
import type { MessageKey, Translate } from '../i18n/translate'
import { useAppStore } from '../state/appStore'
import { defaultServerUrl } from '../sync/boardConnection'
import { ImportError, MAX_IMPORT_BYTES, type ImportFailure } from '../import/boardFile'
import { importBoardFile, type ImportStage } from '../import/importBoard'
import { boardLink } from '../import/newBoard'
import { savePdf, savePng, saveSvg, saveTable, saveBackup, saveTldr, saveTldrForTldrawCom, type ExportContext, type ExportOutcome, type PictureSettings } from './exportActions'
import type { ExportProgress, ExportTarget } from './exportImage'
import { boardDisplayName, shapeChoices } from './exportTargets'
import type { PaperSize } from './rasterPlan'
import './exportDialog.css'

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string; fraction: number | null }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string }

const STAGE_KEYS: Record<Exclude<ExportProgress['stage'], 'page'>, MessageKey> = {
  preparing: 'exportStagePreparing',
  fonts: 'exportStageFonts',
  rendering: 'exportStageRendering',
  encoding: 'exportStageEncoding',
}

const IMPORT_STAGE_KEYS: Record<ImportStage, MessageKey> = {
  reading: 'importStageReading',
  creating: 'importStageCreating',
  uploading: 'importStageUploading',
  writing: 'importStageWriting',
}

const IMPORT_FAILURE_KEYS: Record<ImportFailure, MessageKey> = {
  'too-large': 'importTooLarge',
  empty: 'importEmpty',
  'not-json': 'importNotJson',
  'not-board-file': 'importNotBoardFile',
  'tldraw-v1': 'importTldrawV1',
  'too-new': 'importTooNew',
  'migration-failed': 'importMigrationFailed',
  'invalid-records': 'importInvalidRecords',
  network: 'importNetwork',
  server: 'importServer',
}

function outcomeText(t: Translate, outcome: ExportOutcome): string {
  if (outcome.kind === 'lowered') {
    return t('exportScaleLowered', { requested: outcome.requested, used: outcome.used, width: outcome.width, height: outcome.height })
  }
  if (outcome.kind === 'backup-missing') return t('exportBackupMissing', { count: outcome.count })
  return t('exportDone', { file: outcome.file })
}

/** The translated message for an import failure. */
export function importFailureText(t: Translate, error: unknown): string {
  if (error instanceof ImportError) {
    return t(IMPORT_FAILURE_KEYS[error.reason], { max: Math.round(MAX_IMPORT_BYTES / 1024 / 1024), detail: error.message })
  }
  return t('exportFailed', { reason: error instanceof Error ? error.message : String(error) })
}

/** The export and import dialog for one board. */
export function ExportDialog({ editor, boardId, onClose }: { editor: Editor; boardId: string; onClose: () => void }) {
  const t = useT()
  const locale = useAppStore((state) => state.locale)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const choices = useMemo(() => shapeChoices(editor, toLocale(locale)), [editor, locale])
  const [targetKey, setTargetKey] = useState(() => (editor.getSelectedShapeIds().length ? 'selection' : 'board'))
  const [scale, setScale] = useState(2)
  const [background, setBackground] = useState(true)
  const [titleLine, setTitleLine] = useState(false)
  const [paper, setPaper] = useState<PaperSize>('A4')
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const busy = status.kind === 'busy'

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal()
      else dialog.setAttribute('open', '')
    }
    return () => dialog?.close?.()
  }, [])

  const context = (): ExportContext => ({
    editor,
    boardId,
    boardName: boardDisplayName(editor, boardId),
    locale,
    now: new Date(),
    onProgress: (p) =>
      setStatus({
        kind: 'busy',
        text: p.stage === 'page' ? t('exportStagePage', { done: Math.min((p.done ?? 0) + 1, p.total ?? 1), total: p.total ?? 1 }) : t(STAGE_KEYS[p.stage]),
        fraction: p.stage === 'page' && p.total ? (p.done ?? 0) / p.total : null,
      }),
  })

  const picture = (): PictureSettings => {
    const choice = choices.find((c) => c.id === targetKey)
    const target: ExportTarget = choice ? { kind: 'shape', id: choice.id } : targetKey === 'selection' ? { kind: 'selection' } : { kind: 'board' }
    return { target, partName: choice?.name ?? '', scale, background, titleLine }
  }

  const run = async (action: (ctx: ExportContext) => Promise<ExportOutcome> | ExportOutcome) => {
    setStatus({ kind: 'busy', text: t('exportStagePreparing'), fraction: null })
    try {
      const outcome = await action(context())
      setStatus({ kind: 'done', text: outcomeText(t, outcome) })
    } catch (error) {
      console.error('[civic-canvas] export failed', error)
      setStatus({ kind: 'error', text: t('exportFailed', { reason: error instanceof Error ? error.message : String(error) }) })
    }
  }

  const runImport = async (file: File) => {
    setStatus({ kind: 'busy', text: t('importStageReading'), fraction: null })
    try {
      const board = await importBoardFile(file, {
        schema: editor.store.schema,
        serverUrl: defaultServerUrl(),
        onStage: (stage) => setStatus({ kind: 'busy', text: t(IMPORT_STAGE_KEYS[stage]), fraction: null }),
      })
      setStatus({ kind: 'done', text: t('importDone') })
      window.location.assign(boardLink(board))
    } catch (error) {
      setStatus({ kind: 'error', text: importFailureText(t, error) })
    }
  }

  return (
    <dialog ref={dialogRef} className="export-dialog" aria-labelledby={titleId} data-testid="export-dialog" onCancel={(e) => (busy ? e.preventDefault() : onClose())}>
      <div className="export-dialog-head">
        <h2 id={titleId}>{t('exportDialogTitle')}</h2>
        <button type="button" className="button button-quiet" onClick={onClose} disabled={busy}>
          {t('exportClose')}
        </button>
      </div>

      <Section title={t('exportPictureHeading')}>
        <label className="export-row">
          <span>{t('exportWhat')}</span>
          <select data-testid="export-target" value={targetKey} onChange={(e) => setTargetKey(e.target.value)} disabled={busy}>
            <option value="board">{t('exportTargetBoard')}</option>
            <option value="selection">{t('exportTargetSelection')}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.kind === 'frame' ? t('exportTargetFrame', { name: c.name }) : t('exportTargetShape', { type: c.typeLabel, name: c.name })}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="export-row" disabled={busy}>
          <legend>{t('exportScale')}</legend>
          {[1, 2, 3].map((s) => (
            <label key={s}>
              <input type="radio" name="export-scale" value={s} checked={scale === s} onChange={() => setScale(s)} /> {s}×
            </label>
          ))}
        </fieldset>
        <label className="export-row">
          <input type="checkbox" checked={background} onChange={(e) => setBackground(e.target.checked)} disabled={busy} /> {t('exportBackground')}
        </label>
        <label className="export-row">
          <input type="checkbox" checked={titleLine} onChange={(e) => setTitleLine(e.target.checked)} disabled={busy} /> {t('exportTitleLine')}
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="export-png" disabled={busy} onClick={() => run((ctx) => savePng(ctx, picture()))}>
            {t('exportPng')}
          </button>
          <button type="button" className="button" data-testid="export-svg" disabled={busy} onClick={() => run((ctx) => saveSvg(ctx, picture()))}>
            {t('exportSvg')}
          </button>
        </div>
      </Section>

      <Section title={t('exportPdfHeading')}>
        <label className="export-row">
          <span>{t('exportPaper')}</span>
          <select value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)} disabled={busy}>
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="export-pdf" disabled={busy} onClick={() => run((ctx) => savePdf(ctx, paper))}>
            {t('exportPdf')}
          </button>
        </div>
      </Section>

      <Section title={t('exportDataHeading')}>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="export-csv" disabled={busy} onClick={() => run((ctx) => saveTable(ctx, 'csv', ''))}>
            {t('exportCsv')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => run((ctx) => saveTable(ctx, 'brics-csv', ''))}>
            {t('exportBricsCsv')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => run((ctx) => saveTable(ctx, 'brics-md', t('exportBricsTitle', { board: ctx.boardName })))}>
            {t('exportBricsMarkdown')}
          </button>
        </div>
      </Section>

      <Section title={t('exportFileHeading')}>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="export-tldr" disabled={busy} onClick={() => run(saveTldr)}>
            {t('exportTldr')}
          </button>
          <button type="button" className="button" data-testid="export-tldr-plain" disabled={busy} onClick={() => run(saveTldrForTldrawCom)}>
            {t('exportTldrPlain')}
          </button>
          <button type="button" className="button" data-testid="export-backup" disabled={busy} onClick={() => run(saveBackup)}>
            {t('exportBackup')}
          </button>
        </div>
      </Section>

      <Section title={t('importHeading')}>
        <p className="muted">{t('importHint')}</p>
        <label className="button export-file-button">
          {t('importChoose')}
          <input
            type="file"
            data-testid="import-file"
            accept=".tldr,.json,application/json"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void runImport(file)
            }}
          />
        </label>
      </Section>

      <div className="export-status" role="status" aria-live="polite" data-testid="export-status" data-state={status.kind}>
        {status.kind === 'busy' && <progress max={1} {...(status.fraction === null ? {} : { value: status.fraction })} />}
        {status.kind !== 'idle' && <span className={status.kind === 'error' ? 'field-error' : undefined}>{status.text}</span>}
      </div>
    </dialog>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="export-section">
      <h3>{title}</h3>
      {children}
    </section>
  )
}
