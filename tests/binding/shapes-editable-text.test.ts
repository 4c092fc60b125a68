import { act, createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { EditableText } from '../../client/src/shapes/common/EditableText'

// In-place editing must not cut an IME composition short: Enter that picks a candidate
// (注音/倉頡) during composition never commits; Enter after it does.

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root | null = null
afterEach(() => {
  act(() => root?.unmount())
  root = null
  document.body.innerHTML = ''
})

function mount(props: { multiline?: boolean; value?: string }) {
  const commits: string[] = []
  const container = document.createElement('div')
  document.body.appendChild(container)
  root = createRoot(container)
  const render = (value: string) =>
    act(() =>
      root!.render(
        createElement(EditableText, {
          value,
          editing: true,
          label: 'field',
          multiline: props.multiline ?? false,
          onCommit: (text: string) => commits.push(text),
        })
      )
    )
  render(props.value ?? '')
  const field = container.querySelector(props.multiline ? 'textarea' : 'input') as HTMLInputElement
  return { field, commits, render }
}

function type(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  act(() => {
    field.focus()
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, text)
    field.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

function key(field: HTMLElement, init: KeyboardEventInit) {
  act(() => {
    field.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }))
  })
}

describe('EditableText', () => {
  it('does not commit on Enter during composition, commits on Enter after it', () => {
    const { field, commits } = mount({})
    type(field, '申請')
    key(field, { key: 'Enter', isComposing: true })
    expect(commits).toEqual([])
    key(field, { key: 'Enter' })
    expect(commits).toEqual(['申請'])
  })

  it('treats keyCode 229 as composition too', () => {
    const { field, commits } = mount({})
    type(field, '等待')
    key(field, { key: 'Enter', keyCode: 229 } as KeyboardEventInit)
    expect(commits).toEqual([])
  })

  it('multiline: Enter is a new line, Ctrl+Enter or leaving the field commits', () => {
    const { field, commits } = mount({ multiline: true })
    type(field, '第一行')
    key(field, { key: 'Enter' })
    expect(commits).toEqual([])
    key(field, { key: 'Enter', ctrlKey: true })
    expect(commits).toEqual(['第一行'])
  })

  it('Escape drops the draft; an unchanged value is not committed', () => {
    const { field, commits } = mount({ value: '原本' })
    type(field, '改掉')
    key(field, { key: 'Escape' })
    expect(field.value).toBe('原本')
    act(() => field.blur())
    expect(commits).toEqual([])
  })

  it('follows a remote change while not focused, keeps the draft while typing', () => {
    const { field, render } = mount({ value: 'a' })
    render('b')
    expect(field.value).toBe('b')
    type(field, '打字中')
    render('c')
    expect(field.value).toBe('打字中')
  })
})
