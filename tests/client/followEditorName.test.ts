import {
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  Editor,
} from 'tldraw'
import { afterEach, describe, expect, test } from 'vitest'
import { followEditorName } from '../../client/src/board/followEditorName'

let editor: Editor | undefined

afterEach(() => editor?.dispose())

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('followEditorName', () => {
  test('reports renames made in tldraw, normalised, and stops when asked', async () => {
    editor = new Editor({
      store: createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils }),
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      tools: [],
      getContainer: () => document.body,
    })
    editor.user.updateUserPreferences({ name: 'Ana' })
    const names: string[] = []
    const stop = followEditorName(editor, (name) => names.push(name))
    await settle()
    expect(names).toEqual(['Ana'])

    editor.user.updateUserPreferences({ name: '  王   小明 ' })
    await settle()
    editor.user.updateUserPreferences({ name: '   ' })
    await settle()
    expect(names).toEqual(['Ana', '王 小明'])

    stop()
    editor.user.updateUserPreferences({ name: 'Ben' })
    await settle()
    expect(names).toEqual(['Ana', '王 小明'])
  })
})
