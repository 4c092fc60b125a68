import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocSource, MAX_HELD_LOG } from '../../server/rooms/docSource'

/** A board's history: a snapshot of `notes` notes, then `edits` single updates after it. */
function history(notes: number, edits: number): { snapshot: Uint8Array; log: Uint8Array[]; source: Y.Doc } {
  const source = new Y.Doc()
  const map = source.getMap('notes')
  for (let i = 0; i < notes; i++) map.set(`n${i}`, `便利貼 ${i}`)
  source.getText('title').insert(0, '旅程地圖')
  const snapshot = Y.encodeStateAsUpdate(source)
  const log: Uint8Array[] = []
  source.on('update', (u: Uint8Array) => log.push(u))
  for (let e = 0; e < edits; e++) {
    if (e % 3 === 2) map.delete(`n${e % notes}`)
    else map.set(`n${e % notes}`, `改 ${e}`)
  }
  return { snapshot, log, source }
}

/** What a doc holds, read through its named types (toJSON needs them defined first). */
function content(doc: Y.Doc): { notes: unknown; title: string } {
  return { notes: doc.getMap('notes').toJSON(), title: doc.getText('title').toString() }
}

function docFrom(update: Uint8Array, base?: Y.Doc): Y.Doc {
  const doc = base ?? new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

describe('DocSource', () => {
  it('answers a state vector and every diff from the held bytes, without decoding them', () => {
    const { snapshot, log, source } = history(30, 20)
    const doc = new Y.Doc()
    const held = new DocSource(doc)
    held.hold(snapshot, log)

    expect(held.holdsBytes).toBe(true)
    expect(Y.decodeStateVector(held.stateVector())).toEqual(Y.decodeStateVector(Y.encodeStateVector(source)))
    // A joiner with nothing gets the whole board.
    expect(content(docFrom(held.diff(Y.encodeStateVector(new Y.Doc()))))).toEqual(content(source))
    // A joiner with the snapshot only (a warm local copy) gets the rest.
    const warm = docFrom(snapshot)
    docFrom(held.diff(Y.encodeStateVector(warm)), warm)
    expect(content(warm)).toEqual(content(source))
    // Nothing reached the room's doc.
    expect(held.holdsBytes).toBe(true)
    expect(doc.getMap('notes').size).toBe(0)
  })

  it('decodes once, on demand, into the same content; answers come from the doc afterwards', () => {
    const { snapshot, log, source } = history(12, 7)
    const doc = new Y.Doc()
    const held = new DocSource(doc)
    held.hold(snapshot, log)
    const vectorFromBytes = held.stateVector()

    expect(held.decoded()).toBe(doc)
    expect(held.holdsBytes).toBe(false)
    expect(content(doc)).toEqual(content(source))
    expect(Y.decodeStateVector(held.stateVector())).toEqual(Y.decodeStateVector(vectorFromBytes))
    doc.getMap('notes').set('after', 1)
    expect(docFrom(held.diff(Y.encodeStateVector(new Y.Doc()))).getMap('notes').get('after')).toBe(1)
  })

  it('decodes a log longer than MAX_HELD_LOG at once (Y.mergeUpdates is superlinear in it)', () => {
    const { snapshot, log, source } = history(10, MAX_HELD_LOG + 1)
    const doc = new Y.Doc()
    const held = new DocSource(doc)
    held.hold(snapshot, log)
    expect(held.holdsBytes).toBe(false)
    expect(content(doc)).toEqual(content(source))
  })

  it('holds nothing for an empty board, and applies what arrives after a decode at once', () => {
    const doc = new Y.Doc()
    const held = new DocSource(doc)
    held.hold(null, [])
    expect(held.holdsBytes).toBe(false)
    expect(Y.decodeStateVector(held.stateVector()).size).toBe(0)

    held.decoded()
    const { snapshot, source } = history(3, 0)
    held.hold(snapshot, [])
    expect(held.holdsBytes).toBe(false)
    expect(content(doc)).toEqual(content(source))
  })
})
