import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createYRecord, getRecordsMap, RECORDS_MAP as CLIENT_RECORDS_MAP, type PlainRecord } from '../../client/src/sync/recordLayout'
import { isLockedRecord, recordsTouchedBy, RECORDS_MAP } from '../../server/access/touchedRecords'
import { judgeUpdate } from '../../server/rooms/updatePolicy'
import { lockedFrame } from '../server/support/lockedFrame'

const frame = lockedFrame('shape:frame-empathize', '同理 Empathize')
const note: PlainRecord = {
  id: 'shape:note-1',
  typeName: 'shape',
  type: 'note',
  x: 10,
  y: 10,
  parentId: 'shape:frame-empathize',
  isLocked: false,
  props: { color: 'yellow', richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '痛點' }] }] } },
  meta: {},
}

/** The server's doc holding the two records, and a client doc synced from it. */
function setup(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc()
  server.transact(() => {
    getRecordsMap(server).set(frame.id, createYRecord(frame))
    getRecordsMap(server).set(note.id, createYRecord(note))
  })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

/** What the client sends for `change` (one transaction). */
function updateOf(client: Y.Doc, change: (records: Y.Map<Y.Map<unknown>>, doc: Y.Doc) => void): Uint8Array {
  const parts: Uint8Array[] = []
  const listener = (u: Uint8Array) => parts.push(u)
  client.on('update', listener)
  client.transact(() => change(getRecordsMap(client), client))
  client.off('update', listener)
  return Y.mergeUpdates(parts)
}

const field = (records: Y.Map<Y.Map<unknown>>, id: string, name: 'props' | 'meta') => records.get(id)!.get(name) as Y.Map<unknown>

describe('recordsTouchedBy', () => {
  it('uses the record map name of the client layout', () => {
    expect(RECORDS_MAP).toBe(CLIENT_RECORDS_MAP)
  })

  it.each<[string, (records: Y.Map<Y.Map<unknown>>, doc: Y.Doc) => void, string[]]>([
    ['moving a note', (r) => r.get(note.id)!.set('x', 99), [note.id]],
    ['moving the locked frame', (r) => r.get(frame.id)!.set('x', 99), [frame.id]],
    ['resizing the frame (nested props)', (r) => field(r, frame.id, 'props').set('w', 900), [frame.id]],
    ['unlocking the frame (nested meta)', (r) => field(r, frame.id, 'meta').set('templateLocked', false), [frame.id]],
    ['removing the lock flag', (r) => field(r, frame.id, 'meta').delete('templateLocked'), [frame.id]],
    ['editing note text (nested map inside props)', (r) => (field(r, note.id, 'props').get('richText') as Y.Map<unknown>).set('content', []), [note.id]],
    ['deleting the frame', (r) => r.delete(frame.id), [frame.id]],
    ['replacing the frame record whole', (r) => r.set(frame.id, createYRecord({ ...frame, x: 5 })), [frame.id]],
    ['creating a note and editing it in the same update', (r) => {
      r.set('shape:new', createYRecord({ ...note, id: 'shape:new' }))
      r.get('shape:new')!.set('y', 3)
    }, ['shape:new']],
    ['writing the schema in the meta map', (_r, doc) => doc.getMap('meta').set('schema', { v: 2 }), []],
    ['moving both', (r) => {
      r.get(note.id)!.set('x', 1)
      r.get(frame.id)!.set('y', 1)
    }, [frame.id, note.id]],
  ])('%s touches %j', (_name, change, expected) => {
    const { server, client } = setup()
    const touched = recordsTouchedBy(server, updateOf(client, change))
    expect([...touched].sort()).toEqual([...expected].sort())
  })

  it('finds records touched by updates merged from several transactions', () => {
    const { server, client } = setup()
    const a = updateOf(client, (r) => r.get(note.id)!.set('x', 2))
    const b = updateOf(client, (r) => field(r, frame.id, 'props').set('h', 1))
    expect([...recordsTouchedBy(server, Y.mergeUpdates([a, b]))].sort()).toEqual([frame.id, note.id])
  })

  it('ignores what the server already has: a late sync step 2 carrying old deletions touches nothing', () => {
    const { server, client } = setup()
    // The facilitator moved the locked frame twice (deleting older values) and the client got it.
    const facilitator = new Y.Doc()
    Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(server))
    facilitator.on('update', (u: Uint8Array) => {
      Y.applyUpdate(server, u)
      Y.applyUpdate(client, u)
    })
    getRecordsMap(facilitator).get(frame.id)!.set('x', 1)
    getRecordsMap(facilitator).get(frame.id)!.set('x', 2)
    const answer = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    expect(Y.decodeUpdate(answer).ds.clients.size).toBeGreaterThan(0)
    expect(recordsTouchedBy(server, answer).size).toBe(0)
    // And the whole state, resent, is no change either.
    expect(recordsTouchedBy(server, Y.encodeStateAsUpdate(client)).size).toBe(0)
  })

  it('finds a change made on top of a record the server learnt after the client', () => {
    const { server, client } = setup()
    const update = updateOf(client, (r) => field(r, frame.id, 'props').set('name', 'x'))
    const again = updateOf(client, (r) => field(r, frame.id, 'props').set('name', 'y'))
    Y.applyUpdate(server, update)
    // The second update's parent is known only through its origin, the first value now in the server's store.
    expect([...recordsTouchedBy(server, again)]).toEqual([frame.id])
  })
})

describe('isLockedRecord', () => {
  it('reads meta.templateLocked from the record', () => {
    const { server } = setup()
    expect(isLockedRecord(server, frame.id)).toBe(true)
    expect(isLockedRecord(server, note.id)).toBe(false)
    expect(isLockedRecord(server, 'shape:missing')).toBe(false)
    getRecordsMap(server).get(note.id)!.set('meta', { templateLocked: true })
    expect(isLockedRecord(server, note.id)).toBe(true)
  })
})

describe('judgeUpdate', () => {
  const cases: Array<[string, 'board' | 'session', 'facilitator' | 'participant' | 'viewer', 'locked' | 'unlocked', string]> = [
    ['facilitator changes the locked frame', 'board', 'facilitator', 'locked', 'accept'],
    ['participant changes a note', 'board', 'participant', 'unlocked', 'accept'],
    ['participant changes the locked frame', 'board', 'participant', 'locked', 'refuse'],
    ['viewer changes a note', 'board', 'viewer', 'unlocked', 'drop'],
    ['facilitator changes the session', 'session', 'facilitator', 'unlocked', 'accept'],
    ['participant changes the session', 'session', 'participant', 'unlocked', 'drop'],
    ['viewer changes the session', 'session', 'viewer', 'unlocked', 'drop'],
  ]
  it('accepts the empty sync step 2 every client sends on connect, whatever the role', () => {
    const { server, client } = setup()
    const empty = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    expect(judgeUpdate('session', 'viewer', server, empty).action).toBe('accept')
    expect(judgeUpdate('board', 'viewer', server, empty).action).toBe('accept')
  })

  it.each(cases)('%s: %s/%s/%s → %s', (_name, kind, role, target, action) => {
    const { server, client } = setup()
    const id = target === 'locked' ? frame.id : note.id
    const update = updateOf(client, (r) => r.get(id)!.set('x', 42))
    expect(judgeUpdate(kind, role, server, update).action).toBe(action)
  })
})

describe('recordsTouchedBy on large updates', () => {
  it('follows a chain of 20,000 overwrites of one field in a single update, quickly and without deep recursion', () => {
    const { server, client } = setup()
    const started = Date.now()
    const update = updateOf(client, (r) => {
      for (let i = 0; i < 20_000; i++) field(r, frame.id, 'props').set('w', i)
    })
    expect([...recordsTouchedBy(server, update)]).toEqual([frame.id])
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
