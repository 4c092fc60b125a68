import { afterEach, describe, expect, it } from 'vitest'
import { createShapeId, toRichText, type Editor, type TLArrowBinding, type TLShapeId } from 'tldraw'
import { LinkStakeholderTool } from '../../client/src/brics/LinkStakeholderTool'
import { blueprintStep, existingLink, linkStepToStakeholder, stakeholderCards } from '../../client/src/brics/linkStakeholder'
import { bricsAnalysis, cellRect, geometryOfMap, type MapShape } from '../../shared/rules'
import { sortedEntries } from '../../shared/shapes'
import { designShapeUtils, designTools, mountHeadlessEditor } from '../support/headlessEditor'

const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
})

function headlessEditor(): Editor {
  const { editor, dispose } = mountHeadlessEditor({ shapeUtils: designShapeUtils, tools: [...designTools, LinkStakeholderTool] })
  disposers.push(dispose)
  return editor
}

/** A note in a blueprint cell (page coordinates from the map's geometry). */
function noteInLane(editor: Editor, blueprintId: TLShapeId, lane: string, text: string): TLShapeId {
  const map = editor.getShape(blueprintId) as MapShape
  const stageId = sortedEntries(map.props.stages)[0]![0]
  const rect = cellRect(geometryOfMap(map), stageId, lane)!
  const id = createShapeId()
  editor.createShape({ id, type: 'note', x: map.x + rect.x + 10, y: map.y + rect.y + 10, props: { scale: 0.5, richText: toRichText(text) } })
  return id
}

function board() {
  const editor = headlessEditor()
  const blueprintId = createShapeId()
  editor.createShape({ id: blueprintId, type: 'service-blueprint', x: 0, y: 0 })
  const step = noteInLane(editor, blueprintId, 'backStage', '承辦人審查')
  const customerAction = noteInLane(editor, blueprintId, 'customerActions', '上網填表')
  const agency = createShapeId()
  editor.createShape({ id: agency, type: 'stakeholder', x: 2200, y: 0, props: { name: '資料提供機關' } })
  const citizen = createShapeId()
  editor.createShape({ id: citizen, type: 'stakeholder', x: 2200, y: 600, props: { name: '申請民眾' } })
  return { editor, blueprintId, step, customerAction, agency, citizen }
}

function arrowBindings(editor: Editor): TLArrowBinding[] {
  return editor.store.allRecords().filter((r): r is TLArrowBinding => r.typeName === 'binding' && r.type === 'arrow')
}

describe('which notes are blueprint steps', () => {
  it('a note in a back-stage lane is; a customer action, a loose note and a card are not', () => {
    const { editor, step, customerAction, agency } = board()
    const loose = createShapeId()
    editor.createShape({ id: loose, type: 'note', x: -900, y: -900 })
    expect(blueprintStep(editor, step)?.id).toBe(step)
    expect(blueprintStep(editor, customerAction)).toBeNull()
    expect(blueprintStep(editor, loose)).toBeNull()
    expect(blueprintStep(editor, agency)).toBeNull()
  })

  it('lists the stakeholder cards top to bottom', () => {
    const { editor, agency, citizen } = board()
    expect(stakeholderCards(editor).map((s) => s.id)).toEqual([agency, citizen])
  })
})

describe('Link stakeholder', () => {
  it('creates an arrow bound from the step to the card, which the analysis reads as a link', () => {
    const { editor, step, agency } = board()
    const arrowId = linkStepToStakeholder(editor, step, agency)

    expect(editor.getShape(arrowId)?.type).toBe('arrow')
    expect(editor.getShape(arrowId)?.parentId).toBe(editor.getCurrentPageId())
    expect(arrowBindings(editor).map((b) => [b.fromId, b.props.terminal, b.toId]).sort()).toEqual(
      [
        [arrowId, 'end', agency],
        [arrowId, 'start', step],
      ].sort(),
    )
    const analysis = bricsAnalysis(editor.store.allRecords())
    expect(analysis.links).toEqual([{ arrowId, stepId: step, stakeholderId: agency }])
    expect(analysis.stakeholders.find((s) => s.id === agency)?.stepIds).toEqual([step])
    // The arrow's end sits on the card: it is drawn from the note to the card.
    const end = editor.getShapePageBounds(arrowId)!
    expect(end.maxX).toBeGreaterThan(editor.getShapePageBounds(step)!.maxX)
  })

  it('does not link twice, and a second stakeholder gets its own arrow', () => {
    const { editor, step, agency, citizen } = board()
    const first = linkStepToStakeholder(editor, step, agency)
    expect(linkStepToStakeholder(editor, step, agency)).toBe(first)
    expect(existingLink(editor, step, agency)).toBe(first)
    const second = linkStepToStakeholder(editor, step, citizen)
    expect(second).not.toBe(first)
    const analysis = bricsAnalysis(editor.store.allRecords())
    expect(analysis.steps[0]!.stakeholderIds.sort()).toEqual([agency, citizen].sort())
  })

  it('is one undo step, and redo brings it back', () => {
    const { editor, step, agency } = board()
    linkStepToStakeholder(editor, step, agency)
    expect(arrowBindings(editor)).toHaveLength(2)
    editor.undo()
    expect(arrowBindings(editor)).toHaveLength(0)
    expect(editor.getCurrentPageShapes().filter((s) => s.type === 'arrow')).toHaveLength(0)
    editor.redo()
    expect(bricsAnalysis(editor.store.allRecords()).links).toHaveLength(1)
  })

  it('refuses what is not a step or not a stakeholder, saying what to pick', () => {
    const { editor, step, customerAction, agency } = board()
    expect(() => linkStepToStakeholder(editor, customerAction, agency)).toThrow(/not a blueprint step/)
    expect(() => linkStepToStakeholder(editor, step, step)).toThrow(/not a stakeholder card/)
    expect(arrowBindings(editor)).toHaveLength(0)
  })
})

describe('picking the card on the board', () => {
  /** A click as the canvas would send it (pointer_down flushes the pending move). */
  function clickAt(editor: Editor, id: TLShapeId) {
    const point = editor.pageToScreen(editor.getShapePageBounds(id)!.center)
    const base = {
      type: 'pointer',
      target: 'canvas',
      point: { x: point.x, y: point.y, z: 0.5 },
      pointerId: 1,
      button: 0,
      isPen: false,
      shiftKey: false,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      accelKey: false,
    } as const
    for (const name of ['pointer_move', 'pointer_down', 'pointer_up'] as const) editor.dispatch({ ...base, name })
  }

  it('a click on a stakeholder card links it and goes back to selecting the step', () => {
    const { editor, step, citizen } = board()
    editor.zoomToFit({ immediate: true })
    editor.setCurrentTool(LinkStakeholderTool.id, { stepId: step })
    expect(editor.getCurrentToolId()).toBe('link-stakeholder')
    clickAt(editor, citizen)
    expect(existingLink(editor, step, citizen)).not.toBeNull()
    expect(editor.getCurrentToolId()).toBe('select')
    expect(editor.getSelectedShapeIds()).toEqual([step])
  })

  it('a click elsewhere, or Escape, cancels without linking', () => {
    const { editor, step, blueprintId } = board()
    editor.zoomToFit({ immediate: true })
    editor.setCurrentTool(LinkStakeholderTool.id, { stepId: step })
    clickAt(editor, blueprintId)
    expect(arrowBindings(editor)).toHaveLength(0)
    expect(editor.getCurrentToolId()).toBe('select')

    editor.setCurrentTool(LinkStakeholderTool.id, { stepId: step })
    editor.cancel()
    expect(editor.getCurrentToolId()).toBe('select')
    expect(arrowBindings(editor)).toHaveLength(0)
  })
})
