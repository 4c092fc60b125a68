import { describe, expect, it } from 'vitest'
import { createYRecord, getRecordsMap, type PlainRecord } from '../../client/src/sync/recordLayout'
import { docIdFor } from '../../server/persistence/adapter'
import { bearer, createTestBoard, type TestBoard } from './support/boards'
import { connectOfficialClient, type OfficialClient } from './support/officialClient'
import { storedDoc } from './support/storedDoc'
import { startTestServer, waitFor } from './support/testServer'

type Server = Awaited<ReturnType<typeof startTestServer>>

const FRAME_ID = 'shape:frame-ideate'

function note(id: string, text: string, parentId = FRAME_ID): PlainRecord {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x: 0,
    y: 0,
    parentId,
    props: { color: 'yellow', richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
    meta: {},
  }
}

/** A board with three notes in the ideate frame and one outside, and an open vote with `dots` per person. */
async function votingBoard(dots: number): Promise<{ server: Server; board: TestBoard; session: OfficialClient; voteId: string }> {
  const server = await startTestServer()
  const board = await createTestBoard(server.url)
  const main = connectOfficialClient(server.wsUrl, board.id, board.tokens.facilitator)
  const session = connectOfficialClient(server.wsUrl, `${board.id}/session`, board.tokens.facilitator)
  await Promise.all([main.synced, session.synced])
  main.doc.transact(() => {
    const records = getRecordsMap(main.doc)
    records.set(FRAME_ID, createYRecord({ id: FRAME_ID, typeName: 'shape', type: 'frame', parentId: 'page:page', props: { w: 1, h: 1 }, meta: {} }))
    records.set('shape:a', createYRecord(note('shape:a', '線上申請表單太長')))
    records.set('shape:b', createYRecord(note('shape:b', '=HYPERLINK("x"), "quoted"')))
    records.set('shape:c', createYRecord(note('shape:c', '沒有人投票的點子')))
    records.set('shape:outside', createYRecord(note('shape:outside', 'elsewhere', 'page:page')))
  })
  const voteId = 'vote-1'
  session.doc.getMap('session').set('vote', { id: voteId, frameId: FRAME_ID, dotsPerPerson: dots, state: 'open', openedAt: Date.now() })
  await waitFor(() => getRecordsMap(server.registry.room(board.id)!.doc).size === 5, 'the notes to reach the server')
  await waitFor(() => server.registry.room(`${board.id}:session`)?.doc.getMap('session').has('vote') === true, 'the vote to reach the server')
  return { server, board, session, voteId }
}

function api(server: Server, board: TestBoard, voteId: string) {
  const base = `${server.url}/api/boards/${board.id}/votes/${voteId}`
  return {
    dot: (token: string, userId: string, noteId: string) =>
      fetch(`${base}/dots`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ userId, noteId }) }),
    remove: (token: string, userId: string, dotId: string) =>
      fetch(`${base}/dots/${dotId}?userId=${encodeURIComponent(userId)}`, { method: 'DELETE', headers: bearer(token) }),
    mine: (token: string, userId: string) => fetch(`${base}/mine?userId=${encodeURIComponent(userId)}`, { headers: bearer(token) }),
    close: (token: string) => fetch(`${base}/close`, { method: 'POST', headers: bearer(token) }),
    csv: (token: string) => fetch(`${base}/results.csv`, { headers: bearer(token) }),
  }
}

describe('dot voting over HTTP', () => {
  it('holds each person to their dots, lets them take dots back, and tallies on close', async () => {
    const { server, board, session, voteId } = await votingBoard(2)
    const { dot, remove, mine, close } = api(server, board, voteId)
    const p = board.tokens.participant

    const first = await dot(p, 'ann', 'shape:a')
    expect(first.status).toBe(201)
    const { dots } = (await first.json()) as { dots: Array<{ id: string; noteId: string }> }
    expect(dots).toEqual([{ id: expect.any(String), noteId: 'shape:a' }])
    expect((await dot(p, 'ann', 'shape:a')).status).toBe(201)
    const third = await dot(p, 'ann', 'shape:b')
    expect(third.status).toBe(409)
    expect(((await third.json()) as { error: string }).error).toMatch(/all 2 of your dots/)

    // Taking one back frees it; someone else cannot take ann's dot.
    expect((await remove(p, 'bob', dots[0]!.id)).status).toBe(404)
    const back = await remove(p, 'ann', dots[0]!.id)
    expect(back.status).toBe(200)
    expect(((await back.json()) as { dots: unknown[] }).dots).toHaveLength(1)
    expect((await dot(p, 'ann', 'shape:b')).status).toBe(201)

    expect((await dot(board.tokens.facilitator, 'fay', 'shape:b')).status).toBe(201)
    expect((await dot(p, 'bob', 'shape:b')).status).toBe(201)
    const annDots = (await (await mine(p, 'ann')).json()) as { dots: Array<{ id: string; noteId: string }> }
    expect(annDots.dots.map((d) => d.noteId).sort()).toEqual(['shape:a', 'shape:b'])

    // Viewers may not vote; participants may not close.
    expect((await dot(board.tokens.viewer, 'vic', 'shape:a')).status).toBe(403)
    expect((await mine(board.tokens.viewer, 'vic')).status).toBe(403)
    expect((await close(p)).status).toBe(403)
    const sessionId = docIdFor(board.id, 'session')
    expect((await storedDoc(server.persistence, sessionId)).getMap('session').get('vote')).toMatchObject({ state: 'open' })

    const closed = await close(board.tokens.facilitator)
    expect(closed.status).toBe(200)
    const { vote } = (await closed.json()) as { vote: { state: string; results: Record<string, number>; closedAt: number } }
    expect(vote.state).toBe('closed')
    expect(vote.results).toEqual({ 'shape:a': 1, 'shape:b': 3 })

    // Written into the session doc as a stored update, and relayed to the facilitator's client.
    const stored = (await storedDoc(server.persistence, sessionId)).getMap('session').get('vote')
    expect(stored).toMatchObject({ id: voteId, state: 'closed', results: { 'shape:a': 1, 'shape:b': 3 }, dotsPerPerson: 2, frameId: FRAME_ID })
    await waitFor(() => (session.doc.getMap('session').get('vote') as { state?: string }).state === 'closed', 'the facilitator client to see the close')

    // After the close: no more dots, none taken back, closing again changes nothing.
    expect((await dot(p, 'cat', 'shape:c')).status).toBe(409)
    expect((await remove(p, 'ann', annDots.dots[0]!.id)).status).toBe(409)
    const again = (await (await close(board.tokens.facilitator)).json()) as { vote: { closedAt: number } }
    expect(again.vote.closedAt).toBe(vote.closedAt)
  })

  it('refuses dots when no vote is open or the vote id is not the current one', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url)
    const { dot, close } = api(server, board, 'vote-x')
    expect((await dot(board.tokens.participant, 'ann', 'shape:a')).status).toBe(409)
    expect((await close(board.tokens.facilitator)).status).toBe(404)
    const bad = await fetch(`${server.url}/api/boards/${board.id}/votes/vote-x/dots`, {
      method: 'POST',
      headers: bearer(board.tokens.participant),
      body: JSON.stringify({ noteId: 'shape:a' }),
    })
    expect(bad.status).toBe(400)
  })

  it('exports the results as CSV with a BOM, the note texts and zero-dot notes of the frame, for the facilitator only', async () => {
    const { server, board, voteId } = await votingBoard(3)
    const { dot, close, csv } = api(server, board, voteId)
    for (const [user, noteId] of [['ann', 'shape:b'], ['ann', 'shape:b'], ['bob', 'shape:a'], ['bob', 'shape:b']] as const) {
      expect((await dot(board.tokens.participant, user, noteId)).status).toBe(201)
    }
    expect((await close(board.tokens.facilitator)).status).toBe(200)
    expect((await csv(board.tokens.participant)).status).toBe(403)
    const res = await csv(board.tokens.facilitator)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.split('\r\n')).toEqual([
      '\uFEFFnote id,note text,count',
      // A formula-looking note is neutralised with an apostrophe, and quoted for its comma.
      'shape:b,"\'=HYPERLINK(""x""), ""quoted""",3',
      'shape:a,線上申請表單太長,1',
      'shape:c,沒有人投票的點子,0',
      '',
    ])
    expect((await api(server, board, 'no-such-vote').csv(board.tokens.facilitator)).status).toBe(404)
  })
})
