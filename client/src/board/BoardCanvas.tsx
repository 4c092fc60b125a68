import 'tldraw/tldraw.css'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import {
  Tldraw,
  type Editor,
  type TLAnyBindingUtilConstructor,
  type TLAnyShapeUtilConstructor,
  type TldrawOptions,
} from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import type { Locale } from '../state/userSlice'
import type { BoardUser } from '../sync/boardUser'
import { exposeBoardForTests } from '../sync/testBridge'
import { useBoardSync, type BoardSyncErrorReason, type BoardSyncState } from '../sync/useBoardSync'

/** Fonts, icons and translations come from our own bundle: workshops may have no internet. */
const assetUrls = getAssetUrlsByImport()

/** A day-long workshop board passes tldraw's default cap of 4,000 shapes a page. */
const editorOptions: Partial<TldrawOptions> = { maxShapesPerPage: 50_000 }

/** tldraw's code for our UI language (it would map zh-Hant browsers to zh-cn on its own). */
export function tldrawLocale(locale: Locale): string {
  return locale === 'zh-TW' ? 'zh-tw' : 'en'
}

export interface BoardCanvasProps {
  boardId: string
  user: BoardUser
  locale: Locale
  onEditor?: (editor: Editor) => void
  loadingFallback: ReactNode
  renderError: (reason: BoardSyncErrorReason, message?: string) => ReactNode
  /** Custom shapes and bindings beyond tldraw's defaults (module-level constants). */
  shapeUtils?: readonly TLAnyShapeUtilConstructor[]
  bindingUtils?: readonly TLAnyBindingUtilConstructor[]
}

/** The live board: tldraw's full editor on the board's synced store, once the board has loaded. */
export function BoardCanvas(props: BoardCanvasProps) {
  const { boardId, user, locale, shapeUtils, bindingUtils } = props
  const sync = useBoardSync({ boardId, user, locale: tldrawLocale(locale), shapeUtils, bindingUtils })
  if (sync.status === 'loading') return <>{props.loadingFallback}</>
  if (sync.status === 'error') return <>{props.renderError(sync.reason, sync.message)}</>
  return (
    <BoardEditor
      sync={sync}
      locale={locale}
      onEditor={props.onEditor}
      shapeUtils={shapeUtils}
      bindingUtils={bindingUtils}
    />
  )
}

function BoardEditor(props: {
  sync: Extract<BoardSyncState, { status: 'ready' }>
  locale: Locale
  onEditor: ((editor: Editor) => void) | undefined
  shapeUtils: readonly TLAnyShapeUtilConstructor[] | undefined
  bindingUtils: readonly TLAnyBindingUtilConstructor[] | undefined
}) {
  const { sync, locale, onEditor } = props
  const [editor, setEditor] = useState<Editor | null>(null)

  const onMount = useCallback(
    (mounted: Editor) => {
      mounted.user.updateUserPreferences({ locale: tldrawLocale(locale) })
      setEditor(mounted)
      onEditor?.(mounted)
      // After onEditor: the page publishes `{ editor }` there and we add the Yjs side to it.
      const withdraw = exposeBoardForTests(mounted, sync.doc, sync.provider)
      return () => {
        withdraw()
        setEditor((current) => (current === mounted ? null : current))
      }
    },
    // `locale` is left out on purpose: later changes go through the effect below.
    [sync, onEditor],
  )

  useEffect(() => {
    editor?.user.updateUserPreferences({ locale: tldrawLocale(locale) })
  }, [editor, locale])

  return (
    <div className="board-canvas" style={{ position: 'absolute', inset: 0 }}>
      <Tldraw
        store={sync.store}
        user={sync.user}
        assetUrls={assetUrls}
        licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
        options={editorOptions}
        {...(props.shapeUtils ? { shapeUtils: props.shapeUtils } : {})}
        {...(props.bindingUtils ? { bindingUtils: props.bindingUtils } : {})}
        onMount={onMount}
      />
    </div>
  )
}
