import { describe, expect, test } from 'vitest'
import { en, type MessageKey } from '../../client/src/i18n/en'
import { detectLocale, loadLocale, otherLocale, saveLocale } from '../../client/src/i18n/locale'
import { dictionaries, interpolate, translate, translatorFor } from '../../client/src/i18n/translate'
import { zhTW } from '../../client/src/i18n/zhTW'
import { fakeStorage } from './fakeStorage'

// Proper names that read the same in both languages.
const sameInBothLanguages = new Set<MessageKey>(['localeNameEn', 'localeNameZhTW'])

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('dictionary', () => {
  const keys = Object.keys(en) as MessageKey[]

  test('zh-TW has exactly the keys of en', () => {
    expect(Object.keys(zhTW).sort()).toEqual([...keys].sort())
  })

  test.each(keys)('%s has a real zh-TW translation', (key) => {
    const value = zhTW[key]
    expect(value.trim()).not.toBe('')
    expect(value).not.toBe(key)
    expect(en[key]).not.toBe(key)
    // A pure layout string ("{type}：{name}") has no words to translate, only punctuation.
    const wordsOnly = value.replace(/\{\w+\}/g, '').replace(/[\s\p{P}]/gu, '')
    if (!sameInBothLanguages.has(key) && wordsOnly !== '') {
      expect(value).not.toBe(en[key])
      expect(value).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  test.each(keys)('%s uses the same placeholders in both languages', (key) => {
    expect(placeholdersOf(zhTW[key])).toEqual(placeholdersOf(en[key]))
  })

  test('uses the course’s product name in zh-TW', () => {
    expect(translate('zh-TW', 'appName')).toBe('公共服務共創畫布')
    expect(translate('en', 'appName')).toBe('Civic Canvas')
  })

  test('every locale has a dictionary', () => {
    expect(Object.keys(dictionaries).sort()).toEqual(['en', 'zh-TW'])
  })
})

describe('interpolate', () => {
  test.each([
    ['no params', 'Hello', undefined, 'Hello'],
    ['one param', 'Hello {name}', { name: 'Ana' }, 'Hello Ana'],
    ['a number', '{count} unsent changes', { count: 3 }, '3 unsent changes'],
    ['zero is a value', '{count} left', { count: 0 }, '0 left'],
    ['repeated', '{a}-{a}', { a: 'x' }, 'x-x'],
    ['missing param stays visible', 'Hi {name}', { other: 'x' }, 'Hi {name}'],
    ['CJK around a placeholder', '畫布 {boardId} 已開啟', { boardId: 'abc' }, '畫布 abc 已開啟'],
    ['values are not re-interpolated', '{a}', { a: '{b}', b: 'no' }, '{b}'],
  ] as const)('%s', (_name, template, params, expected) => {
    expect(interpolate(template, params)).toBe(expected)
  })

  test('translate fills the locale’s template', () => {
    expect(translate('en', 'unsentChangesMany', { count: 5 })).toBe('5 unsent changes')
    expect(translatorFor('zh-TW')('unsentChangesMany', { count: 5 })).toBe('5 項變更尚未送出')
  })
})

describe('locale choice', () => {
  test.each([
    ['zh-TW', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-CN', 'zh-TW'],
    ['ZH', 'zh-TW'],
    ['en-US', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ] as const)('navigator.language %s → %s', (language, expected) => {
    expect(detectLocale(language)).toBe(expected)
  })

  test('a remembered choice beats the browser language, and stale values are ignored', () => {
    const storage = fakeStorage()
    expect(loadLocale(storage, 'zh-TW')).toBe('zh-TW')
    saveLocale(storage, 'en')
    expect(loadLocale(storage, 'zh-TW')).toBe('en')
    storage.setItem('civic-canvas:locale', 'klingon')
    expect(loadLocale(storage, 'en-GB')).toBe('en')
  })

  test('the switch toggles between the two languages', () => {
    expect(otherLocale('en')).toBe('zh-TW')
    expect(otherLocale('zh-TW')).toBe('en')
  })
})
