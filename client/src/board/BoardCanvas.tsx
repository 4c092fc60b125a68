import 'tldraw/tldraw.css'
import '../styles/canvas.css'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import {
  Tldraw,
  type Editor,
  type TLAnyBindingUtilConstructor,
  type TLAnyShapeUtilConstructor,
  type TLStateNodeConstructor,
  type TLComponents,
  type TldrawOptions,
} from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { BoardContextMenu } from '../brics/LinkStakeholderMenu'
import { LinkStakeholderTool } from '../brics/LinkStakeholderTool'
import { BoardNoteShapeUtil, customShapeTools, customShapeUtils } from '../shapes'
import { overridesForRole } from '../session/roleUi'
import { SessionCanvasOverlay } from '../session/SessionCanvasOverlay'
import type { Role } from '../../../shared/access/roles'
import { boardThemes } from '../styles/canvasTheme'
import { BoardToolbar } from '../toolbar/BoardToolbar'
import { designUiOverrides } from '../toolbar/designTools'
import type { Locale } from '../state/userSlice'
import type { BoardUser } from '../sync/boardUser'
import { shapesInView } from '../sync/shapesInView'
import { exposeBoardForTests } from '../sync/testBridge'
import { useBoardSync, type BoardSyncErrorReason, type BoardSyncState } from '../sync/useBoardSync'

type ReadyBoardSync = Extract<BoardSyncState, { status: 'ready' }>

/** Fonts, icons and translations come from our own bundle: workshops may have no internet. */
const assetUrls = getAssetUrlsByImport()

/** A day-long workshop board passes tldraw's default cap of 4,000 shapes a page. */
const editorOptions: Partial<TldrawOptions> = { maxShapesPerPage: 50_000 }

/** At most this long after the shapes in view, the rest of the board follows. */
const REST_OF_BOARD_MS = 250

/**
 * The design-thinking shapes every board has (the store's schema must include them), and
 * tldraw's note with its label measured on demand (a quarter of a big board's open otherwise).
 */
const boardShapeUtils: readonly TLAnyShapeUtilConstructor[] = [...customShapeUtils, BoardNoteShapeUtil]

/** Tools placing the design shapes, and the "pick a stakeholder card" tool of Link stakeholder. */
const boardTools: readonly TLStateNodeConstructor[] = [...customShapeTools, LinkStakeholderTool]

/** Our toolbar (design shapes first), context menu (Link stakeholder on blueprint steps) and the session in front of the canvas. */
const boardComponents: TLComponents = {
  Toolbar: BoardToolbar,
  ContextMenu: BoardContextMenu,
  InFrontOfTheCanvas: SessionCanvasOverlay,
}

/** tldraw's code for our UI language (it would map zh-Hant browsers to zh-cn on its own). */
export function tldrawLocale(locale: Locale): string {
  return locale === 'zh-TW' ? 'zh-tw' : 'en'
}

export interface BoardCanvasProps {
  boardId: string
  user: BoardUser
  locale: Locale
  /** Called with the mounted editor and the connected board (its docs, incl. the session doc). */
  onEditor?: (editor: Editor, sync: ReadyBoardSync) => void
  /** The link's token (sent on both websockets) and the role the server gave it. */
  token?: string
  role?: Role
  /**
   * The server has not yet said the token's role: the board already connects and loads, but
   * the editor waits (behind `loadingFallback`), as what it offers depends on the role.
   */
  accessPending?: boolean
  /** The server ended the connection for good (e.g. the link was replaced). */
  onAccessLost?: (code: number, reason: string) => void
  loadingFallback: ReactNode
  renderError: (reason: BoardSyncErrorReason, message?: string) => ReactNode
  /** Shapes beyond tldraw's defaults (module-level constants); defaults to the design-thinking shapes. */
  shapeUtils?: readonly TLAnyShapeUtilConstructor[]
  bindingUtils?: readonly TLAnyBindingUtilConstructor[]
  /** Side panels shown beside the canvas once the editor exists (a stable function). */
  beside?: (editor: Editor) => ReactNode
}

/** The live board: tldraw's full editor on the board's synced store, once the board has loaded. */
export function BoardCanvas(props: BoardCanvasProps) {
  const { boardId, user, locale, shapeUtils = boardShapeUtils, bindingUtils } = props
  const sync = useBoardSync({
    boardId,
    user,
    locale: tldrawLocale(locale),
    shapeUtils,
    bindingUtils,
    token: props.token,
    readOnly: props.role === 'viewer',
    onAccessLost: props.onAccessLost,
    // The editor mounts on the board's pages, then takes the shapes (see onMount below).
    shapesOnDemand: true,
  })
  if (sync.status === 'error') return <>{props.renderError(sync.reason, sync.message)}</>
  if (sync.status === 'loading' || props.accessPending) return <>{props.loadingFallback}</>
  return (
    <BoardEditor
      sync={sync}
      locale={locale}
      onEditor={props.onEditor}
      role={props.role}
      shapeUtils={shapeUtils}
      bindingUtils={bindingUtils}
      beside={props.beside}
    />
  )
}

function BoardEditor(props: {
  sync: Extract<BoardSyncState, { status: 'ready' }>
  locale: Locale
  onEditor: ((editor: Editor, sync: ReadyBoardSync) => void) | undefined
  role: Role | undefined
  shapeUtils: readonly TLAnyShapeUtilConstructor[] | undefined
  bindingUtils: readonly TLAnyBindingUtilConstructor[] | undefined
  beside: ((editor: Editor) => ReactNode) | undefined
}) {
  const { sync, locale, onEditor } = props
  const [editor, setEditor] = useState<Editor | null>(null)

  const onMount = useCallback(
    (mounted: Editor) => {
      mounted.user.updateUserPreferences({ locale: tldrawLocale(locale) })
      setEditor(mounted)
      onEditor?.(mounted, sync)
      // After onEditor: the page publishes `{ editor }` there and we add the Yjs side to it.
      const withdraw = exposeBoardForTests(mounted, sync.doc, sync.provider)
      // A big board: what is in view first, the rest once that has been drawn (or soon after,
      // in a hidden tab, which draws no frames).
      sync.loadShapes((held) => shapesInView(held, mounted.getCurrentPageId(), mounted.getViewportPageBounds()))
      const rest = () => sync.loadShapes()
      const restTimer = setTimeout(rest, REST_OF_BOARD_MS)
      requestAnimationFrame(() => setTimeout(rest, 0))
      return () => {
        clearTimeout(restTimer)
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
      <div className="board-canvas-editor">
        <Tldraw
          store={sync.store}
          user={sync.user}
          assetUrls={assetUrls}
          licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
          options={editorOptions}
          tools={boardTools}
          components={boardComponents}
          overrides={overridesForRole(designUiOverrides, props.role)}
          themes={boardThemes}
          {...(props.shapeUtils ? { shapeUtils: props.shapeUtils } : {})}
          {...(props.bindingUtils ? { bindingUtils: props.bindingUtils } : {})}
          onMount={onMount}
        />
      </div>
      {editor && props.beside?.(editor)}
    </div>
  )
}
