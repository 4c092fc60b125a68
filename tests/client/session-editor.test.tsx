import { afterEach, describe, expect, it } from 'vitest'
import {
  Box,
  createShapeId,
  type Editor,
  type TLShapeId,
  type TLUiToolsContextType,
  type TLUiActionsContextType,
} from 'tldraw'
import type { Role } from '../../shared/access/roles'
import { guardTemplateLocks, keepContentOutOfLockedFrames } from '../../client/src/session/templateLocks'
import { keepToolsForRole, overridesForRole, PARTICIPANT_TOOLS } from '../../client/src/session/roleUi'
import { findStepFrame, targetFrame, zoomToStep } from '../../client/src/session/stepFrames'
import { notesInFrame, sortFrameNotesByVotes } from '../../client/src/session/voteNotes'
import { mountHeadlessEditor } from '../support/headlessEditor'

const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
})

function headlessEditor(): Editor {
  const { editor, dispose } = mountHeadlessEditor()
  editor.updateViewportScreenBounds(new Box(0, 0, 1000, 700))
  disposers.push(dispose)
  return editor
}

const frameId = createShapeId('frame-ideate')

function addLockedFrame(editor: Editor, step = 'ideate', id: TLShapeId = frameId, x = 0): void {
  editor.createShapes([
    { id, type: 'frame', x, y: 0, isLocked: true, props: { w: 1000, h: 800, name: step }, meta: { step, templateLocked: true } },
  ])
}

function guarded(role: Role): { editor: Editor; refusals: () => number } {
  const editor = headlessEditor()
  addLockedFrame(editor)
  let refused = 0
  disposers.push(guardTemplateLocks(editor, role, () => (refused += 1)))
  return { editor, refusals: () => refused }
}

describe('template locks', () => {
  it.each<[string, (editor: Editor) => void]>([
    ['unlock with toggleLock', (editor) => editor.toggleLock([frameId])],
    ['unlock by update', (editor) => editor.updateShape({ id: frameId, type: 'frame', isLocked: false })],
    // tldraw skips locked shapes in updateShape; these go past that check, as a script could.
    ['move', (editor) => editor.run(() => editor.updateShape({ id: frameId, type: 'frame', x: 500 }), { ignoreShapeLock: true })],
    [
      'rename',
      (editor) =>
        editor.run(() => editor.updateShape({ id: frameId, type: 'frame', props: { name: 'mine now' } }), { ignoreShapeLock: true }),
    ],
    ['delete', (editor) => editor.store.remove([frameId])],
  ])('a participant cannot %s a locked template frame', (_label, act) => {
    const { editor, refusals } = guarded('participant')
    act(editor)
    expect(editor.getShape(frameId)).toMatchObject({ isLocked: true, x: 0, props: { name: 'ideate' } })
    expect(refusals()).toBeGreaterThan(0)
  })

  it('a facilitator can unlock, move and delete it', () => {
    const { editor, refusals } = guarded('facilitator')
    editor.toggleLock([frameId])
    editor.updateShape({ id: frameId, type: 'frame', x: 500 })
    expect(editor.getShape(frameId)).toMatchObject({ isLocked: false, x: 500 })
    editor.deleteShapes([frameId])
    expect(editor.getShape(frameId)).toBeUndefined()
    expect(refusals()).toBe(0)
  })

  it("lets a facilitator's change arrive from the server at a participant", () => {
    const { editor } = guarded('participant')
    editor.store.mergeRemoteChanges(() => {
      editor.store.update(frameId, (frame) => ({ ...frame, isLocked: false, x: 42 }))
    })
    expect(editor.getShape(frameId)).toMatchObject({ isLocked: false, x: 42 })
  })

  it('a participant edits unlocked notes freely, and a pasted copy of structure is not structure', () => {
    const { editor } = guarded('participant')
    const noteId = createShapeId('note')
    editor.createShapes([{ id: noteId, type: 'note', x: 10, y: 10 }])
    editor.updateShape({ id: noteId, type: 'note', x: 99 })
    expect(editor.getShape(noteId)?.x).toBe(99)
    const copyId = createShapeId('copy')
    editor.createShapes([{ id: copyId, type: 'frame', x: 0, y: 0, isLocked: true, meta: { templateLocked: true, step: 'ideate' } }])
    expect(editor.getShape(copyId)).toMatchObject({ isLocked: false })
    expect(editor.getShape(copyId)?.meta.templateLocked).toBeUndefined()
  })
})

describe('content stays out of locked frames', () => {
  it('a note created in or dropped onto a locked frame stays on the page, where it was put', () => {
    const editor = headlessEditor()
    editor.createShapes([
      { id: frameId, type: 'frame', x: 100, y: 200, isLocked: true, props: { w: 800, h: 600 }, meta: { templateLocked: true } },
    ])
    disposers.push(keepContentOutOfLockedFrames(editor))
    const created = createShapeId('created')
    editor.createShapes([{ id: created, type: 'note', parentId: frameId, x: 50, y: 60 }])
    expect(editor.getShape(created)).toMatchObject({ parentId: editor.getCurrentPageId(), x: 150, y: 260 })

    const dropped = createShapeId('dropped')
    editor.createShapes([{ id: dropped, type: 'note', x: 300, y: 400 }])
    editor.run(() => editor.reparentShapes([dropped], frameId), { ignoreShapeLock: true })
    expect(editor.getShape(dropped)).toMatchObject({ parentId: editor.getCurrentPageId() })
    expect(editor.getShapePageBounds(dropped)).toMatchObject({ x: 300, y: 400 })
    // A prompt that is itself structure may live inside its frame.
    const prompt = createShapeId('prompt')
    editor.createShapes([{ id: prompt, type: 'text', parentId: frameId, x: 10, y: 10, meta: { templateLocked: true } }])
    expect(editor.getShape(prompt)?.parentId).toBe(frameId)
    // Unlocked frames take children as usual.
    const open = createShapeId('open-frame')
    editor.createShapes([{ id: open, type: 'frame', x: 2000, y: 0, props: { w: 400, h: 400 } }])
    editor.reparentShapes([dropped], open)
    expect(editor.getShape(dropped)?.parentId).toBe(open)
  })
})

describe('tools by role', () => {
  const tools = (ids: string[]) =>
    Object.fromEntries(ids.map((id) => [id, { id, label: id, icon: id, onSelect: () => {} }])) as unknown as TLUiToolsContextType
  const actions = (ids: string[]) =>
    Object.fromEntries(ids.map((id) => [id, { id, label: id, onSelect: () => {} }])) as unknown as TLUiActionsContextType
  const base = {}

  it('a facilitator keeps every tool; participants keep the friendly set and lose the lock actions', () => {
    expect(overridesForRole(base, 'facilitator')).toBe(base)
    const layers = overridesForRole(base, 'participant')
    expect(Array.isArray(layers)).toBe(true)
    const participant = (layers as { tools?: Function; actions?: Function }[])[1]!
    const editor = headlessEditor()
    const kept = participant.tools!(editor, tools(['select', 'hand', 'note', 'text', 'arrow', 'draw', 'geo', 'frame', 'eraser', 'persona']), {})
    expect(Object.keys(kept).sort()).toEqual(['arrow', 'hand', 'note', 'persona', 'select', 'text'])
    const keptActions = participant.actions!(editor, actions(['toggle-lock', 'unlock-all', 'undo']), {})
    expect(Object.keys(keptActions)).toEqual(['undo'])
    // Stable per role, as <Tldraw overrides> needs.
    expect(overridesForRole(base, 'participant')).toBe(layers)
    expect([...PARTICIPANT_TOOLS]).toEqual(expect.arrayContaining(['select', 'hand', 'note', 'text', 'arrow', 'persona', 'journey-map', 'service-blueprint', 'stakeholder']))
  })

  it.each<[Role, string, string]>([
    ['participant', 'draw', 'select'],
    ['participant', 'note', 'note'],
    ['facilitator', 'draw', 'draw'],
  ])('a %s switched to %s ends up in %s', async (role, tool, expected) => {
    const editor = headlessEditor()
    disposers.push(keepToolsForRole(editor, role))
    editor.setCurrentTool(tool)
    await Promise.resolve()
    await Promise.resolve()
    expect(editor.getCurrentToolId()).toBe(expected)
  })
})

describe('step frames and voted notes', () => {
  it('finds the frame marked with a step, zooms to it, and prefers a selected frame as the vote target', () => {
    const editor = headlessEditor()
    addLockedFrame(editor, 'ideate', frameId, 0)
    const defineId = createShapeId('frame-define')
    addLockedFrame(editor, 'define', defineId, 5000)
    // A prompt text also carries meta.step; only the frame counts.
    editor.createShapes([{ id: createShapeId('prompt'), type: 'text', x: 5010, y: 10, meta: { step: 'define' } }])
    expect(findStepFrame(editor, 'define')?.id).toBe(defineId)
    expect(findStepFrame(editor, 'test')).toBeNull()
    expect(zoomToStep(editor, 'define', false)).toBe(true)
    // The whole frame shows, centred across, its top just below the step banner.
    const frameBounds = editor.getShapePageBounds(defineId)!
    expect(editor.getViewportPageBounds().contains(frameBounds)).toBe(true)
    expect(editor.getViewportPageBounds().center.x).toBeCloseTo(5500, 0)
    expect(editor.pageToViewport({ x: frameBounds.x, y: frameBounds.y }).y).toBeCloseTo(170, 0)
    expect(zoomToStep(editor, 'test', false)).toBe(false)

    expect(targetFrame(editor, 'ideate')?.id).toBe(frameId)
    editor.updateShape({ id: defineId, type: 'frame', isLocked: false })
    editor.select(defineId)
    expect(targetFrame(editor, 'ideate')?.id).toBe(defineId)
  })

  it('counts the notes whose centre is inside the frame and sorts them by votes', () => {
    const editor = headlessEditor()
    addLockedFrame(editor)
    const [a, b, c, outside] = ['a', 'b', 'c', 'outside'].map((id) => createShapeId(id)) as [TLShapeId, TLShapeId, TLShapeId, TLShapeId]
    editor.createShapes([
      { id: a, type: 'note', x: 100, y: 300 },
      { id: b, type: 'note', x: 400, y: 300 },
      { id: c, type: 'note', x: 700, y: 300 },
      { id: outside, type: 'note', x: 1500, y: 300 },
    ])
    expect(notesInFrame(editor, frameId).map((n) => n.id)).toEqual([a, b, c])
    sortFrameNotesByVotes(editor, frameId, { [c]: 5, [a]: 2 })
    const xs = [c, a, b].map((id) => editor.getShapePageBounds(id)!.x)
    expect(xs[0]).toBeLessThan(xs[1]!)
    expect(xs[1]).toBeLessThan(xs[2]!)
    expect(editor.getShape(outside)?.x).toBe(1500)
  })
})
