import { afterEach, describe, expect, it } from 'vitest'
import { createShapeId, toRichText, type TLArrowBinding, type TLGeoShape } from 'tldraw'
import { documentRecords, drawBoundArrow, twoConnectedPeers, type Peer } from '../support/linkedDocs'

const peers: Peer[] = []
afterEach(() => {
  while (peers.length > 0) peers.pop()?.dispose()
})

describe('two editors over two Y.Docs', () => {
  it('start equal: the joiner loads the page the first editor created', () => {
    const [alice, bob] = twoConnectedPeers(peers)
    expect(alice.editor.getPages()).toHaveLength(1)
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('stay equal under creates, moves and deletes from both sides', () => {
    const [alice, bob] = twoConnectedPeers(peers)
    const noteId = createShapeId('note')
    const boxId = createShapeId('box')
    alice.editor.createShape({ id: noteId, type: 'note', x: 10, y: 20, props: { richText: toRichText('需求訪談') } })
    bob.editor.createShape({ id: boxId, type: 'geo', x: 300, y: 40, props: { w: 120, h: 80 } })
    expect(bob.editor.getShape(noteId)?.x).toBe(10)
    expect(alice.editor.getShape(boxId)?.x).toBe(300)

    bob.editor.updateShape({ id: noteId, type: 'note', x: 400, y: 500 })
    expect(alice.editor.getShape(noteId)).toMatchObject({ x: 400, y: 500 })
    alice.editor.nudgeShapes([boxId], { x: 5, y: 0 })
    expect(bob.editor.getShape(boxId)?.x).toBe(305)

    alice.editor.deleteShapes([noteId])
    expect(bob.editor.getShape(noteId)).toBeUndefined()
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('carry arrow bindings, which stay equal when the bound shapes move', () => {
    const [alice, bob] = twoConnectedPeers(peers)
    const fromId = createShapeId('from')
    const toId = createShapeId('to')
    const arrowId = createShapeId('arrow')
    drawBoundArrow(alice.editor, { fromId, toId, arrowId }, { x: 0, y: 0 }, { x: 400, y: 0 })

    const bobBindings = bob.editor.getBindingsFromShape<TLArrowBinding>(arrowId, 'arrow')
    expect(bobBindings.map((b) => [b.props.terminal, b.toId]).sort()).toEqual([
      ['end', toId],
      ['start', fromId],
    ])
    bob.editor.updateShape<TLGeoShape>({ id: toId, type: 'geo', x: 600, y: 200 })
    expect(alice.editor.getBindingsToShape(toId, 'arrow')).toHaveLength(1)
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))

    // Deleting a bound shape removes its binding on both sides.
    bob.editor.deleteShapes([toId])
    expect(alice.editor.getBindingsFromShape(arrowId, 'arrow')).toHaveLength(1)
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })

  it('carry removed meta entries and page changes', () => {
    const [alice, bob] = twoConnectedPeers(peers)
    const id = createShapeId('tagged')
    alice.editor.createShape<TLGeoShape>({ id, type: 'geo', x: 0, y: 0, meta: { phase: 'empathize', owner: 'alice' } })
    // updateShape merges meta; replacing the record drops the `owner` entry.
    alice.store.update(id, (shape) => ({ ...shape, meta: { phase: 'define' } }))
    expect(alice.editor.getShape(id)?.meta).toEqual({ phase: 'define' })
    expect(bob.editor.getShape(id)?.meta).toEqual({ phase: 'define' })

    bob.editor.createPage({ name: '第二天' })
    expect(alice.editor.getPages().map((page) => page.name)).toContain('第二天')
    expect(documentRecords(bob.store)).toEqual(documentRecords(alice.store))
  })
})
