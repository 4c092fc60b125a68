import { afterEach, describe, expect, it } from 'vitest'
import type { TLShape } from 'tldraw'
import { TEMPLATE_APPLIED_KEY, seedTemplate, type SeedTemplateOptions } from '../../client/src/templates/seedTemplate'
import { bricsAnalysis, bricsChecks } from '../../shared/rules'
import { buildTemplate } from '../../shared/templates'
import { connect, createPeer, documentRecords, exchange, joinPeer, type Peer } from '../support/linkedDocs'

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
})

/** A headless editor with the design-thinking shapes, bound to its own doc as the app binds it. */
function client(name: string): Peer {
  const peer = createPeer(name, { designShapes: true })
  disposers.push(() => peer.dispose())
  return peer
}

/** A second client joining the first one's board (its doc starts as a copy, as after a sync). */
function joining(name: string, from: Peer): Peer {
  const peer = joinPeer(name, from, { designShapes: true })
  disposers.push(() => peer.dispose())
  return peer
}

const options = (overrides: Partial<SeedTemplateOptions> = {}): SeedTemplateOptions => ({
  boardId,
  template: 'five-step',
  canSeed: true,
  locale: 'zh-TW',
  ...overrides,
})

const shapeCount = (c: Peer) => c.editor.store.allRecords().filter((r) => r.typeName === 'shape').length

describe('seeding a template', () => {
  it('puts every template record on the board, sets the flag, and keeps it out of undo', () => {
    const alice = client('alice')
    expect(seedTemplate(alice.editor, alice.doc, options())).toBe('seeded')
    const expected = buildTemplate('five-step', { boardId, locale: 'zh-tw' })
    for (const record of expected) expect(alice.editor.store.get(record.id)).toEqual(record)
    expect(alice.doc.getMap('meta').get(TEMPLATE_APPLIED_KEY)).toBe(true)
    const frames = alice.editor.getCurrentPageShapes().filter((s: TLShape) => s.type === 'frame')
    expect(frames).toHaveLength(5)
    expect(frames.every((f) => alice.editor.isShapeOrAncestorLocked(f))).toBe(true)

    alice.editor.undo()
    expect(shapeCount(alice)).toBe(expected.filter((r) => r.typeName === 'shape').length)
    // The camera moved to show the template.
    expect(alice.editor.getCamera().z).toBeLessThan(1)
  })

  it.each([
    ['a participant', { canSeed: false }, 'not-allowed'],
    ['a blank board', { template: 'blank' }, 'blank'],
    ['a template this client does not know', { template: 'kanban' }, 'unknown-template'],
  ])('does nothing for %s', (_name, overrides, outcome) => {
    const alice = client('alice')
    expect(seedTemplate(alice.editor, alice.doc, options(overrides))).toBe(outcome)
    expect(shapeCount(alice)).toBe(0)
    expect(alice.doc.getMap('meta').get(TEMPLATE_APPLIED_KEY)).toBeUndefined()
  })

  it('never seeds over work, nor a second time after the board was cleared', () => {
    const alice = client('alice')
    alice.editor.createShape({ type: 'geo', x: 0, y: 0 })
    expect(seedTemplate(alice.editor, alice.doc, options())).toBe('not-empty')

    const bob = client('bob')
    expect(seedTemplate(bob.editor, bob.doc, options())).toBe('seeded')
    bob.editor.run(() => bob.editor.deleteShapes([...bob.editor.getCurrentPageShapeIds()]), { ignoreShapeLock: true })
    expect(shapeCount(bob)).toBe(0)
    expect(seedTemplate(bob.editor, bob.doc, options())).toBe('already-applied')
    expect(shapeCount(bob)).toBe(0)
  })

  it("never seeds over work whose shapes have not reached this editor's store yet (shapes on demand)", () => {
    const alice = client('alice')
    alice.editor.createShape({ type: 'geo', x: 9000, y: 9000 })
    const bob = joinPeer('bob', alice, { designShapes: true, initialShapes: 'on-demand' })
    disposers.push(() => bob.dispose())
    expect(shapeCount(bob)).toBe(0)
    expect(seedTemplate(bob.editor, bob.doc, options())).toBe('not-empty')
    expect(bob.doc.getMap('meta').get(TEMPLATE_APPLIED_KEY)).toBeUndefined()
  })

  it('a facilitator joining after the seed sees the flag and leaves the board alone', () => {
    const alice = client('alice')
    const bob = joining('bob', alice)
    connect(alice.doc, bob.doc)
    expect(seedTemplate(alice.editor, alice.doc, options())).toBe('seeded')
    expect(seedTemplate(bob.editor, bob.doc, options())).toBe('already-applied')
    expect(documentRecords(bob.editor.store)).toEqual(documentRecords(alice.editor.store))
  })

  it.each([
    ['five-step', 'zh-TW', 'zh-TW'],
    ['data-request-helper', 'zh-TW', 'zh-TW'],
    ['bus-arrival', 'en', 'en'],
    // Two facilitators in different languages: each record is one client's, never a mix or a copy.
    ['data-request-helper', 'zh-TW', 'en'],
  ])('%s seeded by two facilitators at once (%s, %s) converges to one copy', (template, localeA, localeB) => {
    const alice = client('alice')
    const bob = joining('bob', alice)
    // Both seed before either hears from the other.
    expect(seedTemplate(alice.editor, alice.doc, options({ template, locale: localeA }))).toBe('seeded')
    expect(seedTemplate(bob.editor, bob.doc, options({ template, locale: localeB }))).toBe('seeded')
    exchange(alice.doc, bob.doc)

    const expected = buildTemplate(template as 'five-step', { boardId, locale: 'zh-tw' })
    expect(shapeCount(alice)).toBe(expected.filter((r) => r.typeName === 'shape').length)
    expect(documentRecords(bob.editor.store)).toEqual(documentRecords(alice.editor.store))
    const ids = documentRecords(alice.editor.store).map((r) => r.id)
    expect(expected.every((r) => ids.includes(r.id))).toBe(true)
    if (template !== 'five-step') expect(bricsChecks(bricsAnalysis(alice.editor.store.allRecords()))).toEqual([])
  })
})
