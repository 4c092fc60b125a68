import { describe, expect, test } from 'vitest'
import { documentTitle } from '../../client/src/routes/documentTitle'
import { boardPath, parseRoute, type Route } from '../../client/src/routes/route'
import { translatorFor } from '../../client/src/i18n/translate'

const id = 'AbCdEfGhIjKlMnOpQrStUv' // 22 characters, as the server makes them

describe('parseRoute', () => {
  test.each<[string, Route]>([
    ['/', { kind: 'home' }],
    ['', { kind: 'home' }],
    ['/index.html', { kind: 'home' }],
    [`/b/${id}`, { kind: 'board', boardId: id }],
    [`/b/${id}/`, { kind: 'board', boardId: id }],
    ['/b/abc_DEF-1234567890', { kind: 'board', boardId: 'abc_DEF-1234567890' }],
    ['/b/short', { kind: 'invalid-board', rawId: 'short' }],
    ['/b/', { kind: 'invalid-board', rawId: '' }],
    ['/b', { kind: 'invalid-board', rawId: '' }],
    [`/b/${id}/extra`, { kind: 'invalid-board', rawId: `${id}/extra` }],
    ['/b/%E7%95%AB%E5%B8%83%E7%95%AB%E5%B8%83%E7%95%AB%E5%B8%83%E7%95%AB%E5%B8%83', { kind: 'invalid-board', rawId: '畫布畫布畫布畫布' }],
    ['/b/%zz-not-decodable-xx', { kind: 'invalid-board', rawId: '%zz-not-decodable-xx' }],
    [`/b/${'a'.repeat(65)}`, { kind: 'invalid-board', rawId: 'a'.repeat(65) }],
    ['/boards', { kind: 'not-found' }],
    [`/x/b/${id}`, { kind: 'not-found' }],
  ])('%s', (pathname, expected) => {
    expect(parseRoute(pathname)).toEqual(expected)
  })

  test('boardPath round-trips through parseRoute', () => {
    expect(parseRoute(boardPath(id))).toEqual({ kind: 'board', boardId: id })
  })
})

describe('documentTitle', () => {
  test('names the board (shortened) and the app in the current language', () => {
    expect(documentTitle({ kind: 'board', boardId: id }, translatorFor('en'))).toBe('Board AbCdEfGh · Civic Canvas')
    expect(documentTitle({ kind: 'home' }, translatorFor('zh-TW'))).toBe('公共服務共創畫布')
  })
})
