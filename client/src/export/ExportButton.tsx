import { useState } from 'react'
import type { Editor } from 'tldraw'
import { useT } from '../i18n/useT'
import { ExportDialog } from './ExportDialog'

/** Top-bar button opening the export and import dialog of the board on screen (disabled until its editor has mounted). */
export function ExportButton({ boardId, editor }: { boardId: string; editor: Editor | null }) {
  const t = useT()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        data-testid="export-button"
        title={editor ? t('exportButtonLabel') : t('exportNoEditor')}
        disabled={editor === null}
        onClick={() => setOpen(true)}
      >
        {t('exportButton')}
      </button>
      {open && editor && <ExportDialog editor={editor} boardId={boardId} onClose={() => setOpen(false)} />}
    </>
  )
}
