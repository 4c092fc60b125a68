import { describe, expect, test } from 'vitest'
import { parseJoinInput, type JoinTarget } from '../../client/src/home/joinInput'

const origin = 'http://localhost:1234'
const id = 'AbCdEfGhIjKlMnOpQrStUv'

describe('parseJoinInput', () => {
  test.each<[string, string, JoinTarget]>([
    // full links to this server
    ['full link', `${origin}/b/${id}`, { ok: true, boardId: id, fragment: '' }],
    ['full link with spaces around', `  ${origin}/b/${id}\n`, { ok: true, boardId: id, fragment: '' }],
    ['trailing slash', `${origin}/b/${id}/`, { ok: true, boardId: id, fragment: '' }],
    ['query ignored, invitation fragment kept', `${origin}/b/${id}?x=1#t=v1.abc.def`, { ok: true, boardId: id, fragment: '#t=v1.abc.def' }],
    ['scheme in capitals', `HTTP://localhost:1234/b/${id}`, { ok: true, boardId: id, fragment: '' }],
    // full links to another server: go there
    ['another host', `https://workshop.example.gov.tw/b/${id}#t=tok`, { ok: true, boardId: id, fragment: '#t=tok', url: `https://workshop.example.gov.tw/b/${id}#t=tok` }],
    ['LAN address', `http://192.168.1.20:1234/b/${id}?x=1`, { ok: true, boardId: id, fragment: '', url: `http://192.168.1.20:1234/b/${id}` }],
    // partial links and bare ids: this server
    ['bare id', id, { ok: true, boardId: id, fragment: '' }],
    ['bare path', `/b/${id}`, { ok: true, boardId: id, fragment: '' }],
    ['link without scheme', `localhost:1234/b/${id}`, { ok: true, boardId: id, fragment: '' }],
    ['link without scheme, with invitation', `localhost:1234/b/${id}#t=v1.x.y`, { ok: true, boardId: id, fragment: '#t=v1.x.y' }],
    ['host without scheme, query', `example.org/b/${id}?a=b`, { ok: true, boardId: id, fragment: '' }],
    // invalid
    ['empty', '', { ok: false, error: 'empty' }],
    ['only spaces', '   ', { ok: false, error: 'empty' }],
    ['home link', `${origin}/`, { ok: false, error: 'not-a-board-link' }],
    ['other path', `${origin}/about`, { ok: false, error: 'not-a-board-link' }],
    ['nested board path', `${origin}/x/b/${id}`, { ok: false, error: 'not-a-board-link' }],
    ['board path with more after it', `${origin}/b/${id}/more`, { ok: false, error: 'not-a-board-link' }],
    ['not a url at all', 'http://', { ok: false, error: 'not-a-board-link' }],
    ['relative non-board path', 'foo/bar', { ok: false, error: 'not-a-board-link' }],
    ['truncated id in link', `${origin}/b/AbCdEf`, { ok: false, error: 'invalid-id' }],
    ['empty id in link', `${origin}/b/`, { ok: false, error: 'invalid-id' }],
    ['too short bare id', 'abc', { ok: false, error: 'invalid-id' }],
    ['bare id with a dot', 'AbCdEfGhIjKlMnOp.QrSt', { ok: false, error: 'invalid-id' }],
    ['bare id too long', 'a'.repeat(65), { ok: false, error: 'invalid-id' }],
    ['ftp link', `ftp://example.org/b/${id}`, { ok: false, error: 'not-a-board-link' }],
  ])('%s', (_name, input, expected) => {
    expect(parseJoinInput(input, origin)).toEqual(expected)
  })
})
