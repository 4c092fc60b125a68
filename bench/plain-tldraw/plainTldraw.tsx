import 'tldraw/tldraw.css'
import { createRoot } from 'react-dom/client'
import { loadSnapshot, Tldraw, type Editor, type TLAnyShapeUtilConstructor, type TLStoreSnapshot } from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'

/** What the plain page reports to the board-open benchmark. */
export interface PlainBenchTimes {
  /** performance.now() when loadSnapshot started and ended. */
  loadSnapshotStart?: number
  loadSnapshotEnd?: number
  error?: string
}

declare global {
  interface Window {
    __plainBench?: PlainBenchTimes
  }
}

const assetUrls = getAssetUrlsByImport()

/**
 * Mounts a plain tldraw editor and, when the URL has `?snapshot=<url>`, loads that store
 * snapshot with `loadSnapshot`; publishes `window.__civicCanvas = { editor }` like the app.
 */
export function mountPlainTldraw(shapeUtils: readonly TLAnyShapeUtilConstructor[]): void {
  const times: PlainBenchTimes = {}
  window.__plainBench = times
  const snapshotUrl = new URLSearchParams(location.search).get('snapshot')
  // Fetched while the editor mounts, as an app would.
  const snapshot = snapshotUrl ? fetch(snapshotUrl).then((res) => res.json() as Promise<TLStoreSnapshot>) : null
  const onMount = (editor: Editor) => {
    ;(window as { __civicCanvas?: { editor: Editor } }).__civicCanvas = { editor }
    snapshot?.then(
      (data) => {
        times.loadSnapshotStart = performance.now()
        loadSnapshot(editor.store, data)
        times.loadSnapshotEnd = performance.now()
      },
      (error: unknown) => (times.error = String(error)),
    )
  }
  createRoot(document.getElementById('root')!).render(
    <Tldraw assetUrls={assetUrls} shapeUtils={shapeUtils} options={{ maxShapesPerPage: 50_000 }} onMount={onMount} />,
  )
}
