import { lazy, Suspense, useState } from 'react'
import type { Editor } from 'tldraw'
import { useT } from '../i18n/useT'

// Export and import code (PDF, fonts, CSV) loads only when someone opens the dialog: the
// board route ships without it.
const ExportDialog = lazy(async () => ({ default: (await import('./ExportDialog')).ExportDialog }))

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
      {open && editor && (
        <Suspense fallback={null}>
          <ExportDialog editor={editor} boardId={boardId} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
