import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { scanUpdate } from '../../server/rooms/updateScan'

/** A document using every kind of content Yjs writes: maps of any values, text with formats and embeds, XML, binary, subdocs, deletions. */
function richUpdate(): Uint8Array {
  const doc = new Y.Doc()
  const records = doc.getMap('records')
  const note = new Y.Map<unknown>()
  records.set('shape:需求', note)
  note.set('x', 12.5)
  note.set('y', -3)
  note.set('big', 2n ** 40n)
  note.set('flags', [true, false, null, undefined, 'ok', { nested: [1, { deeper: '很深' }] }])
  note.set('bytes', new Uint8Array([1, 2, 3]))
  const props = new Y.Map<unknown>()
  note.set('props', props)
  props.set('text', '使用者旅程')
  props.set('w', 200)
  records.set('shape:gone', 'soon deleted')
  records.delete('shape:gone')
  const text = doc.getText('text')
  text.insert(0, 'hello world', { bold: true })
  text.insertEmbed(5, { image: 'x.png' })
  text.delete(0, 2)
  const fragment = doc.getXmlFragment('xml')
  const element = new Y.XmlElement('p')
  element.setAttribute('class', 'lead')
  element.insert(0, [new Y.XmlText('段落')])
  fragment.insert(0, [element])
  fragment.insert(1, [new Y.XmlHook('hook') as unknown as Y.XmlElement])
  const list = doc.getArray<unknown>('list')
  list.insert(0, [1, 'two', new Y.Doc({ guid: 'sub' })])
  list.delete(0, 1)
  return Y.encodeStateAsUpdate(doc)
}

describe('scanUpdate', () => {
  it('accepts what Yjs encodes and tells an empty update from a change', () => {
    expect(scanUpdate(richUpdate()).empty).toBe(false)
    expect(scanUpdate(Y.encodeStateAsUpdate(new Y.Doc())).empty).toBe(true)
    const doc = new Y.Doc()
    doc.getMap('m').set('k', 1)
    // The answer to a sync step 1 from a peer that has everything: nothing in it.
    expect(scanUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))).empty).toBe(true)
    // A deletion alone is a change.
    const before = Y.encodeStateVector(doc)
    doc.getMap('m').delete('k')
    expect(scanUpdate(Y.encodeStateAsUpdate(doc, before)).empty).toBe(false)
  })

  it('refuses every truncation of a valid update', () => {
    const update = richUpdate()
    for (let length = 0; length < update.length; length++) {
      expect(() => scanUpdate(update.subarray(0, length)), `cut at ${length} of ${update.length}`).toThrow()
    }
  })

  it('refuses whatever Y.decodeUpdate refuses, over single-byte corruptions', () => {
    const update = richUpdate()
    let refusedByYjs = 0
    for (let at = 0; at < update.length; at++) {
      for (const value of [0, 0x7f, 0x80, 0xff, update[at]! ^ 0x15]) {
        const corrupt = update.slice()
        corrupt[at] = value
        let yjsRefused = false
        try {
          Y.decodeUpdate(corrupt)
        } catch {
          yjsRefused = true
        }
        if (!yjsRefused) continue
        refusedByYjs += 1
        expect(() => scanUpdate(corrupt), `byte ${at} set to ${value}`).toThrow()
      }
    }
    // The corruptions must exercise the refusal path, or the loop proves nothing.
    expect(refusedByYjs).toBeGreaterThan(50)
  })

  it('agrees with Y.decodeUpdate on emptiness for corruptions both accept', () => {
    const update = richUpdate()
    let compared = 0
    for (let at = 0; at < update.length; at++) {
      const corrupt = update.slice()
      corrupt[at] = 0
      let decoded: ReturnType<typeof Y.decodeUpdate>
      try {
        decoded = Y.decodeUpdate(corrupt)
        scanUpdate(corrupt)
      } catch {
        continue
      }
      compared += 1
      const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0
      expect(scanUpdate(corrupt).empty).toBe(empty)
    }
    expect(compared).toBeGreaterThan(10)
  })

  it('leaves a document untouched when the delete set breaks off', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('a', 1)
    doc.getMap('m').set('b', 2)
    const before = Y.encodeStateVector(doc)
    doc.getMap('m').delete('a')
    const deletion = Y.encodeStateAsUpdate(doc, before)
    // Drop the last byte: the delete set's final length is missing.
    expect(() => scanUpdate(deletion.subarray(0, deletion.length - 1))).toThrow(/end of array/)
  })
})
