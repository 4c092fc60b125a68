import { describe, expect, test } from 'vitest'
import { createAppStore } from '../../client/src/state/appStore'
import { persistAppState } from '../../client/src/state/persistAppState'
import type { Locale } from '../../client/src/state/userSlice'
import {
  colorForId,
  loadOrCreateUser,
  MAX_NAME_LENGTH,
  needsName,
  normalizeName,
  saveUser,
  USER_COLORS,
} from '../../client/src/user/localUser'
import { createMemoryStorage } from '../../client/src/user/storage'
import { fakeStorage } from './fakeStorage'

describe('local user', () => {
  test('is created once with a palette colour and no name, then read back unchanged', () => {
    const storage = fakeStorage()
    let made = 0
    const newId = () => `user-${++made}`
    const first = loadOrCreateUser(storage, newId)
    expect(first).toEqual({ id: 'user-1', name: '', color: colorForId('user-1') })
    expect(USER_COLORS).toContain(first.color)
    expect(needsName(first)).toBe(true)

    const again = loadOrCreateUser(storage, newId)
    expect(again).toEqual(first)
    expect(made).toBe(1)
  })

  test('a saved name and colour survive a reload', () => {
    const storage = fakeStorage()
    const user = loadOrCreateUser(storage, () => 'stable-id')
    saveUser(storage, { ...user, name: '王小明', color: '#123456' })
    const reloaded = loadOrCreateUser(storage, () => 'another-id')
    expect(reloaded).toEqual({ id: 'stable-id', name: '王小明', color: '#123456' })
    expect(needsName(reloaded)).toBe(false)
  })

  test('corrupt stored user is replaced by a new one', () => {
    const storage = fakeStorage({ 'civic-canvas:user': '{"name":"no id"}' })
    expect(loadOrCreateUser(storage, () => 'fresh-id').id).toBe('fresh-id')
    const garbage = fakeStorage({ 'civic-canvas:user': 'not json' })
    expect(loadOrCreateUser(garbage, () => 'fresh-2').id).toBe('fresh-2')
  })

  test('uses crypto.randomUUID by default', () => {
    const user = loadOrCreateUser(createMemoryStorage())
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('colour is stable per id and spreads over the palette', () => {
    expect(colorForId('abc')).toBe(colorForId('abc'))
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorForId(crypto.randomUUID() + i)))
    expect(used.size).toBeGreaterThan(USER_COLORS.length / 2)
  })

  test.each([
    ['  Ana  ', 'Ana'],
    ['王  小明', '王 小明'],
    ['', null],
    ['   \t', null],
    ['x'.repeat(MAX_NAME_LENGTH), 'x'.repeat(MAX_NAME_LENGTH)],
    ['x'.repeat(MAX_NAME_LENGTH + 1), null],
    ['字'.repeat(MAX_NAME_LENGTH), '字'.repeat(MAX_NAME_LENGTH)],
  ])('normalizeName(%j) → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected)
  })
})

describe('persistAppState', () => {
  test('fills the store from storage and writes name and locale changes back', () => {
    const storage = fakeStorage()
    const store = createAppStore()
    const langs: Locale[] = []
    const stop = persistAppState(store, { storage, navigatorLanguage: 'zh-Hant-TW', onLocale: (l) => langs.push(l) })

    const user = store.getState().user
    expect(user?.name).toBe('')
    expect(store.getState().locale).toBe('zh-TW')
    expect(langs).toEqual(['zh-TW'])

    store.getState().setUser({ ...user!, name: 'Ana' })
    store.getState().setLocale('en')
    expect(langs).toEqual(['zh-TW', 'en'])

    const reloaded = createAppStore()
    persistAppState(reloaded, { storage, navigatorLanguage: 'zh-TW' })
    expect(reloaded.getState().user).toEqual({ ...user!, name: 'Ana' })
    expect(reloaded.getState().locale).toBe('en')

    stop()
    store.getState().setLocale('zh-TW')
    expect(storage.dump()['civic-canvas:locale']).toBe('en')
  })
})
