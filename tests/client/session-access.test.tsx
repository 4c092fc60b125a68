import { describe, expect, it } from 'vitest'
import { shareableRoles } from '../../shared/access/roles'
import { boardLink, fetchBoardInfo, rotateBoardTokens, tokenFromHash, visibleLinks } from '../../client/src/share/boardAccess'
import { resolveBoardToken } from '../../client/src/share/useBoardAccess'
import { findRecentBoard, loadRecentBoards, rememberBoard } from '../../client/src/user/recentBoards'
import { votesApi, VoteApiError } from '../../client/src/session/votesApi'
import { ServerClock } from '../../client/src/session/serverClock'
import { fakeStorage } from './fakeStorage'

const BOARD = 'board_0123456789abcdef'

/** A fetch double answering from a table, recording every request. */
function fakeFetch(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = []
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init })
    return answer(String(input), init)
  }) as typeof fetch
  return { fn, calls }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('link tokens in the URL fragment', () => {
  it.each<[string, string | null]>([
    ['#t=v1.abc.def', 'v1.abc.def'],
    ['t=v1.abc.def', 'v1.abc.def'],
    ['#t=v1.a%2Bb.c', 'v1.a+b.c'],
    ['#x=1&t=tok', 'tok'],
    ['#t=', null],
    ['#', null],
    ['', null],
    ['#other', null],
  ])('tokenFromHash(%j) is %j', (hash, token) => {
    expect(tokenFromHash(hash)).toBe(token)
  })

  it('builds links that round-trip their token', () => {
    const link = boardLink('https://canvas.example.gov.tw', BOARD, 'v1.a+b/c.d')
    expect(link.startsWith(`https://canvas.example.gov.tw/b/${BOARD}#t=`)).toBe(true)
    expect(tokenFromHash(new URL(link).hash)).toBe('v1.a+b/c.d')
  })

  it('uses the fragment first, then the token this device kept for the board', () => {
    const storage = fakeStorage()
    expect(resolveBoardToken('', BOARD, storage)).toBeNull()
    rememberBoard(storage, { id: BOARD, lastOpenedAt: 1, token: 'kept' })
    expect(resolveBoardToken('', BOARD, storage)).toBe('kept')
    expect(resolveBoardToken('#t=fresh', BOARD, storage)).toBe('fresh')
  })

  it('recent boards keep token, role and links, merge them, and drop malformed ones', () => {
    const storage = fakeStorage()
    rememberBoard(storage, {
      id: BOARD,
      lastOpenedAt: 1,
      token: 'fac',
      role: 'facilitator',
      tokens: { facilitator: 'fac', participant: 'par', viewer: 'view' },
    })
    // Reopening without tokens keeps what was known.
    rememberBoard(storage, { id: BOARD, lastOpenedAt: 2 })
    expect(findRecentBoard(storage, BOARD)).toEqual({
      id: BOARD,
      lastOpenedAt: 2,
      token: 'fac',
      role: 'facilitator',
      tokens: { facilitator: 'fac', participant: 'par', viewer: 'view' },
    })
    const corrupt = fakeStorage({
      'civic-canvas:recent-boards': JSON.stringify([{ id: BOARD, lastOpenedAt: 3, token: 7, role: 'admin', tokens: { owner: 'x', viewer: '' } }]),
    })
    expect(loadRecentBoards(corrupt)).toEqual([{ id: BOARD, lastOpenedAt: 3 }])
  })

  it.each<['facilitator' | 'participant' | 'viewer', string[]]>([
    ['facilitator', ['facilitator', 'participant', 'viewer']],
    ['participant', ['participant', 'viewer']],
    ['viewer', ['viewer']],
  ])('a %s sees the links %j', (role, roles) => {
    const links = visibleLinks(role, shareableRoles(role), { participant: 'p', viewer: 'v' }, 'own')
    expect(links.map((link) => link.role)).toEqual(roles)
    expect(links[0]).toEqual({ role, token: 'own' })
    if (role === 'facilitator') expect(links[1]).toEqual({ role: 'participant', token: 'p' })
  })
})

describe('board API calls', () => {
  it('asks GET /api/boards/<id> with the token as bearer and reads the role', async () => {
    const { fn, calls } = fakeFetch(() => json(200, { id: BOARD, name: '資料申請小幫手', template: 'five-step', role: 'participant', createdAt: 'x' }))
    const result = await fetchBoardInfo(BOARD, 'tok', fn)
    expect(result).toMatchObject({ ok: true, info: { role: 'participant', name: '資料申請小幫手' } })
    expect(calls[0]?.url).toBe(`/api/boards/${BOARD}`)
    expect((calls[0]?.init.headers as Record<string, string>).authorization).toBe('Bearer tok')
  })

  it.each<[number | 'throw', string]>([
    [401, 'no-access'],
    [403, 'link-revoked'],
    [404, 'not-found'],
    [500, 'server'],
    ['throw', 'network'],
  ])('an answer of %s means %s', async (status, reason) => {
    const { fn } = fakeFetch(() => {
      if (status === 'throw') throw new TypeError('Failed to fetch')
      return json(status, { error: 'no' })
    })
    const result = await fetchBoardInfo(BOARD, 'tok', fn)
    expect(result).toMatchObject({ ok: false, failure: { reason } })
  })

  it('rotating answers the three new tokens, and explains a refusal', async () => {
    const tokens = { facilitator: 'f', participant: 'p2', viewer: 'v2' }
    const ok = fakeFetch(() => json(200, { tokens }))
    expect(await rotateBoardTokens(BOARD, 'f', ok.fn)).toEqual(tokens)
    expect(ok.calls[0]).toMatchObject({ url: `/api/boards/${BOARD}/tokens/rotate`, init: { method: 'POST' } })
    const refused = fakeFetch(() => json(403, { error: 'no' }))
    await expect(rotateBoardTokens(BOARD, 'p', refused.fn)).rejects.toThrow(/HTTP 403/)
  })

  it('the votes API sends the dot, the person and the token, and reports a 409 with its message', async () => {
    const { fn, calls } = fakeFetch((url, init) => {
      if (init.method === 'POST' && url.endsWith('/dots')) return json(201, { dots: [{ id: 'd1', noteId: 'shape:a' }] })
      if (init.method === 'DELETE') return json(409, { error: 'The vote is closed.' })
      return json(200, { dots: [] })
    })
    const api = votesApi({ boardId: BOARD, voteId: 'v 1', token: 'tok', userId: 'u1', fetchFn: fn })
    expect(await api.placeDot('shape:a')).toEqual([{ id: 'd1', noteId: 'shape:a' }])
    expect(calls[0]?.url).toBe(`/api/boards/${BOARD}/votes/v%201/dots`)
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ noteId: 'shape:a', userId: 'u1' })
    expect((calls[0]?.init.headers as Record<string, string>).authorization).toBe('Bearer tok')
    const failure = await api.takeBack('d1').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(VoteApiError)
    expect(failure).toMatchObject({ status: 409, message: 'The vote is closed.' })
    expect(calls[1]?.url).toBe(`/api/boards/${BOARD}/votes/v%201/dots/d1?userId=u1`)
    expect(await api.mine()).toEqual([])
    expect(calls[2]?.url).toBe(`/api/boards/${BOARD}/votes/v%201/mine?userId=u1`)
  })
})

describe('server clock', () => {
  it('counts in server time once measured, and keeps the last offset when the server is unreachable', async () => {
    let local = 1_000_000
    let serverAhead = 42_000
    let reachable = true
    const clock = new ServerClock(
      async () => {
        if (!reachable) throw new Error('offline')
        local += 10
        return local + serverAhead
      },
      () => local,
    )
    expect(clock.now()).toBe(local)
    await clock.sync()
    expect(Math.abs(clock.now() - (local + 42_000))).toBeLessThanOrEqual(10)
    reachable = false
    serverAhead = 0
    await clock.sync()
    expect(Math.abs(clock.now() - (local + 42_000))).toBeLessThanOrEqual(10)
  })
})

describe('people list', () => {
  it('lists everyone else with their name, user id and role; clients without presence or role are handled', async () => {
    const { peopleOnBoard } = await import('../../client/src/session/PeopleList')
    const states = new Map<number, Record<string, unknown>>([
      [1, { presence: { userId: 'user:me', userName: 'Me' }, role: 'facilitator' }],
      [7, { presence: { userId: 'user:pat', userName: 'Pat' }, role: 'participant' }],
      [3, { presence: { userId: 'user:ana', userName: 'Ana' }, role: 'superuser' }],
      [9, { role: 'viewer' }],
    ])
    const people = peopleOnBoard({ clientID: 1, getStates: () => states })
    expect(people).toEqual([
      { clientId: 3, userId: 'user:ana', name: 'Ana', role: null },
      { clientId: 7, userId: 'user:pat', name: 'Pat', role: 'participant' },
    ])
  })
})
