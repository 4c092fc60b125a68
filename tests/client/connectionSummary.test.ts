import { describe, expect, test } from 'vitest'
import { connectionSummary } from '../../client/src/board/connectionSummary'
import { translatorFor } from '../../client/src/i18n/translate'
import type { ConnectionStatus } from '../../client/src/state/connectionSlice'

const say = (status: ConnectionStatus, unsentChanges: number, savedLocally: boolean, locale: 'en' | 'zh-TW' = 'en') => {
  const t = translatorFor(locale)
  return connectionSummary({ status, unsentChanges, savedLocally })
    .map((part) => t(part.key, part.params))
    .join(' · ')
}

describe('connection status text', () => {
  test.each([
    ['connected', 0, true, 'Connected'],
    ['connected', 3, true, 'Connected'],
    ['connecting', 0, false, 'Connecting…'],
    ['reconnecting', 0, false, 'Reconnecting…'],
    ['reconnecting', 1, false, 'Reconnecting… · 1 unsent change'],
    ['offline', 4, true, 'Offline · 4 unsent changes · saved on this device'],
    ['offline', 0, true, 'Offline · saved on this device'],
  ] as const)('%s, %i unsent, saved %s → %s', (status, unsent, saved, expected) => {
    expect(say(status, unsent, saved)).toBe(expected)
  })

  test('speaks zh-TW', () => {
    expect(say('offline', 2, true, 'zh-TW')).toBe('離線 · 2 項變更尚未送出 · 已儲存在此裝置')
  })
})
