import { useEditor, useValue } from 'tldraw'
import { toLocale, type Locale } from '../../../../shared/i18n-terms'

/** The shapes' label language, following tldraw's user locale ('zh-tw' or 'en'). */
export function useShapeLocale(): Locale {
  const editor = useEditor()
  return useValue('shape locale', () => toLocale(editor.user.getLocale()), [editor])
}
