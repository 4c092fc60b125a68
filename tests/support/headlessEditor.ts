import {
  Editor,
  createTLStore,
  defaultAddFontsFromNode,
  defaultBindingUtils,
  defaultShapeTools,
  defaultShapeUtils,
  defaultTools,
  registerDefaultSideEffects,
  tipTapDefaultExtensions,
  type TLAnyShapeUtilConstructor,
  type TLCurrentUser,
  type TLStateNodeConstructor,
  type TLStore,
} from 'tldraw'
import { customShapeTools, customShapeUtils } from '../../client/src/shapes'

/** tldraw's shapes plus the design-thinking shapes (persona, journey map, blueprint, stakeholder). */
export const designShapeUtils: readonly TLAnyShapeUtilConstructor[] = [...defaultShapeUtils, ...customShapeUtils]

/** tldraw's tools plus the tools that place the design-thinking shapes. */
export const designTools: readonly TLStateNodeConstructor[] = [...defaultTools, ...defaultShapeTools, ...customShapeTools]

export interface HeadlessEditorOptions {
  /** The store to mount; without one, a fresh store holding `shapeUtils`. */
  store?: TLStore
  /** Defaults to tldraw's own shapes. */
  shapeUtils?: readonly TLAnyShapeUtilConstructor[]
  /** Defaults to tldraw's own tools. */
  tools?: readonly TLStateNodeConstructor[]
  user?: TLCurrentUser
}

/** An editor mounted on a detached div, and how to take it down again. */
export interface HeadlessEditor {
  editor: Editor
  dispose(): void
}

/** Mounts a tldraw Editor without React, as the app configures it (rich text, default side effects). */
export function mountHeadlessEditor(options: HeadlessEditorOptions = {}): HeadlessEditor {
  const shapeUtils = options.shapeUtils ?? defaultShapeUtils
  const store = options.store ?? createTLStore({ shapeUtils, bindingUtils: defaultBindingUtils })
  const container = document.createElement('div')
  document.body.appendChild(container)
  const editor = new Editor({
    store,
    shapeUtils,
    bindingUtils: defaultBindingUtils,
    tools: options.tools ?? [...defaultTools, ...defaultShapeTools],
    ...(options.user ? { user: options.user } : {}),
    getContainer: () => container,
    options: { text: { tipTapConfig: { extensions: tipTapDefaultExtensions }, addFontsFromNode: defaultAddFontsFromNode } },
  })
  const stopSideEffects = registerDefaultSideEffects(editor)
  return {
    editor,
    dispose() {
      stopSideEffects()
      editor.dispose()
      container.remove()
    },
  }
}
