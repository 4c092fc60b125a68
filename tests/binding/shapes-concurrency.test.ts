import { afterEach, describe, expect, it } from 'vitest'
import { createShapeId, type Editor, type TLShapeId } from 'tldraw'
import { addStage } from '../../client/src/shapes'
import { updateProps } from '../../client/src/shapes/common/updateProps'
import {
  indexAfterLast,
  newEntryId,
  sortedEntries,
  type JourneyMapShape,
  type PersonaShape,
} from '../../shared/shapes'
import { journeyGeometry } from '../../shared/rules'
import { createPeer, exchange, joinPeer } from '../support/linkedDocs'

// Two people on one map or card at the same time, over two Y.Docs: structure and content are
// separate keys in the record, so concurrent stage adds, cell fills and persona field edits
// must all survive the merge. Keyed collections (stages, cells, list entries) are nested plain
// objects inside one prop: these tests need the binding to merge nested objects key by key.

const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
})

/** Alice and Bob share a board holding one shape, then work offline and sync once. */
function twoPeopleOn(type: 'journey-map' | 'persona') {
  const alicePeer = createPeer('alice', { designShapes: true })
  disposers.push(() => alicePeer.dispose())
  const alice = alicePeer.editor
  const id = createShapeId()
  alice.createShape({ id, type, x: 0, y: 0 })
  const bobPeer = joinPeer('bob', alicePeer, { designShapes: true })
  disposers.push(() => bobPeer.dispose())
  const bob = bobPeer.editor
  expect(bob.getShape(id)).toBeDefined()
  const sync = () => exchange(alicePeer.doc, bobPeer.doc)
  return { alice, bob, id, sync }
}

function journey(editor: Editor, id: TLShapeId): JourneyMapShape {
  return editor.getShape(id) as JourneyMapShape
}

describe('two people on one journey map', () => {
  it('both keep a stage each added at the same time, each a full column', () => {
    const { alice, bob, id, sync } = twoPeopleOn('journey-map')
    addStage(alice, id, '追蹤')
    addStage(bob, id, '回饋')
    sync()
    for (const editor of [alice, bob]) {
      const names = sortedEntries(journey(editor, id).props.stages).map(([, s]) => s.name)
      expect(names).toHaveLength(7)
      expect(names).toEqual(expect.arrayContaining(['追蹤', '回饋']))
      const columns = journeyGeometry(journey(editor, id).props).columns
      expect(columns.every((c) => c.x1 - c.x0 === journey(editor, id).props.columnWidth)).toBe(true)
    }
    expect(journey(bob, id).props).toEqual(journey(alice, id).props)
  })

  it('keeps two cells filled at the same time, and a rename beside an emotion change', () => {
    const { alice, bob, id, sync } = twoPeopleOn('journey-map')
    const [first, second] = sortedEntries(journey(alice, id).props.stages).map(([stageId]) => stageId)
    updateProps<JourneyMapShape>(alice, id, (c) => ({ cells: { ...c.cells, [first!]: { ...c.cells[first!], actions: '上網查' } } }))
    updateProps<JourneyMapShape>(bob, id, (c) => ({ cells: { ...c.cells, [second!]: { ...c.cells[second!], painPoints: '表單太長' } } }))
    updateProps<JourneyMapShape>(alice, id, (c) => ({ stages: { ...c.stages, [first!]: { ...c.stages[first!]!, name: '搜尋' } } }))
    updateProps<JourneyMapShape>(bob, id, (c) => ({ stages: { ...c.stages, [first!]: { ...c.stages[first!]!, emotion: -2 } } }))
    sync()
    for (const editor of [alice, bob]) {
      const p = journey(editor, id).props
      expect(p.cells[first!]?.actions).toBe('上網查')
      expect(p.cells[second!]?.painPoints).toBe('表單太長')
      expect(p.stages[first!]).toMatchObject({ name: '搜尋', emotion: -2 })
    }
  })
})

describe('two people on one persona card', () => {
  it('keeps different fields and two list entries edited at the same time', () => {
    const { alice, bob, id, sync } = twoPeopleOn('persona')
    const aliceGoal = newEntryId()
    const bobGoal = newEntryId()
    updateProps<PersonaShape>(alice, id, (c) => ({
      name: '林小姐',
      goals: { ...c.goals, [aliceGoal]: { text: '一次辦好', index: indexAfterLast(c.goals) } },
    }))
    updateProps<PersonaShape>(bob, id, (c) => ({
      quote: '「為什麼要跑三個窗口？」',
      basicData: { ...c.basicData, age: '58' },
      goals: { ...c.goals, [bobGoal]: { text: '不用請假', index: indexAfterLast(c.goals) } },
    }))
    sync()
    for (const editor of [alice, bob]) {
      const p = (editor.getShape(id) as PersonaShape).props
      expect(p.name).toBe('林小姐')
      expect(p.quote).toBe('「為什麼要跑三個窗口？」')
      expect(p.basicData.age).toBe('58')
      expect(Object.keys(p.goals).sort()).toEqual([aliceGoal, bobGoal].sort())
    }
  })
})
