import { useState } from 'react'
import type { Editor } from 'tldraw'
import { useT } from '../i18n/useT'
import { currentBoardEditor } from './currentEditor'
import { ExportDialog } from './ExportDialog'

/** Top-bar button opening the export and import dialog of the board on screen. */
export function ExportButton({ boardId }: { boardId: string }) {
  const t = useT()
  const [editor, setEditor] = useState<Editor | null>(null)
  const [notReady, setNotReady] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        data-testid="export-button"
        title={notReady ? t('exportNoEditor') : t('exportButtonLabel')}
        onClick={() => {
          const current = currentBoardEditor()
          setNotReady(current === null)
          setEditor(current)
        }}
      >
        {t('exportButton')}
      </button>
      {editor && <ExportDialog editor={editor} boardId={boardId} onClose={() => setEditor(null)} />}
    </>
  )
}
