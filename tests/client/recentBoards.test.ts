import { describe, expect, test } from 'vitest'
import {
  addRecentBoard,
  forgetBoard,
  loadRecentBoards,
  MAX_RECENT_BOARDS,
  rememberBoard,
  removeRecentBoard,
  type RecentBoard,
} from '../../client/src/user/recentBoards'
import { fakeStorage } from './fakeStorage'

const boardId = (n: number) => `board-${String(n).padStart(12, '0')}`
const board = (n: number, lastOpenedAt = n): RecentBoard => ({ id: boardId(n), lastOpenedAt })

describe('recent boards list', () => {
  test('a newly opened board goes first', () => {
    const list = addRecentBoard([board(2), board(1)], board(3))
    expect(list.map((b) => b.id)).toEqual([boardId(3), boardId(2), boardId(1)])
  })

  test('reopening a board moves it to the front without duplicating it', () => {
    const list = addRecentBoard([board(3), board(2), board(1)], board(1, 10))
    expect(list.map((b) => b.id)).toEqual([boardId(1), boardId(3), boardId(2)])
    expect(list[0]?.lastOpenedAt).toBe(10)
  })

  test('reopening keeps what the earlier entry knew (created time, title)', () => {
    const created: RecentBoard = { id: boardId(1), createdAt: 5, title: 'Data Request Helper', lastOpenedAt: 5 }
    const [reopened] = addRecentBoard([created], { id: boardId(1), lastOpenedAt: 9 })
    expect(reopened).toEqual({ id: boardId(1), createdAt: 5, title: 'Data Request Helper', lastOpenedAt: 9 })
  })

  test('the list is capped, dropping the oldest', () => {
    let list: RecentBoard[] = []
    for (let n = 1; n <= MAX_RECENT_BOARDS + 5; n++) list = addRecentBoard(list, board(n))
    expect(list).toHaveLength(MAX_RECENT_BOARDS)
    expect(list[0]?.id).toBe(boardId(MAX_RECENT_BOARDS + 5))
    expect(list.at(-1)?.id).toBe(boardId(6))
    expect(addRecentBoard(list, board(99), 3)).toHaveLength(3)
  })

  test('remove takes out only that board and does not mutate the input', () => {
    const input = [board(3), board(2), board(1)]
    expect(removeRecentBoard(input, boardId(2)).map((b) => b.id)).toEqual([boardId(3), boardId(1)])
    expect(removeRecentBoard(input, 'unknown-board-id-xx')).toEqual(input)
    expect(input).toHaveLength(3)
  })
})

describe('recent boards on this device', () => {
  test('remember, reload and forget through storage', () => {
    const storage = fakeStorage()
    expect(loadRecentBoards(storage)).toEqual([])
    rememberBoard(storage, { id: boardId(1), createdAt: 100, lastOpenedAt: 100 })
    rememberBoard(storage, board(2, 200))
    rememberBoard(storage, board(1, 300))
    expect(loadRecentBoards(storage)).toEqual([
      { id: boardId(1), createdAt: 100, lastOpenedAt: 300 },
      { id: boardId(2), lastOpenedAt: 200 },
    ])
    expect(forgetBoard(storage, boardId(1)).map((b) => b.id)).toEqual([boardId(2)])
    expect(loadRecentBoards(storage).map((b) => b.id)).toEqual([boardId(2)])
  })

  test('corrupt storage gives an empty list instead of breaking the home page', () => {
    expect(loadRecentBoards(fakeStorage({ 'civic-canvas:recent-boards': '{not json' }))).toEqual([])
    expect(loadRecentBoards(fakeStorage({ 'civic-canvas:recent-boards': '{"id":1}' }))).toEqual([])
  })

  test('bad entries are dropped, duplicates merged, order is by last opened', () => {
    const stored = [
      board(1, 10),
      { id: '../../etc/passwd', lastOpenedAt: 50 },
      { id: boardId(2) },
      board(3, 30),
      board(1, 5),
      'nonsense',
      null,
    ]
    const storage = fakeStorage({ 'civic-canvas:recent-boards': JSON.stringify(stored) })
    expect(loadRecentBoards(storage).map((b) => [b.id, b.lastOpenedAt])).toEqual([
      [boardId(3), 30],
      [boardId(1), 10],
    ])
  })
})
