import { describe, expect, it } from 'vitest'
import { bestOffset, measureClockOffset, offsetFromSample, serverTime, type ClockSample } from '../../shared/session/clock'

describe('server clock offset', () => {
  it.each<[string, ClockSample, { offsetMs: number; rttMs: number } | null]>([
    ['same clocks, instant answer', { t0: 1000, serverNow: 1000, t1: 1000 }, { offsetMs: 0, rttMs: 0 }],
    ['server 5 s ahead, 100 ms round trip', { t0: 1000, serverNow: 6050, t1: 1100 }, { offsetMs: 5000, rttMs: 100 }],
    ['server 2 s behind, 40 ms round trip', { t0: 10_000, serverNow: 8020, t1: 10_040 }, { offsetMs: -2000, rttMs: 40 }],
    ['answer before the request', { t0: 2000, serverNow: 5000, t1: 1999 }, null],
    ['not a number', { t0: 0, serverNow: Number.NaN, t1: 1 }, null],
  ])('%s', (_label, sample, expected) => {
    expect(offsetFromSample(sample)).toEqual(expected)
  })

  it('takes the sample with the shortest round trip', () => {
    const samples: ClockSample[] = [
      { t0: 0, serverNow: 10_400, t1: 800 }, // slow: offset 10 000
      { t0: 1000, serverNow: 12_010, t1: 1020 }, // fast: offset 11 000
      { t0: 2000, serverNow: 12_300, t1: 2600 }, // slow: offset 10 000
    ]
    expect(bestOffset(samples)).toEqual({ offsetMs: 11_000, rttMs: 20 })
    expect(bestOffset([])).toBeNull()
  })

  it('measures with a fetch function, skipping failed samples', async () => {
    let local = 0
    let call = 0
    const localNow = () => local
    const fetchServerNow = async () => {
      call += 1
      local += call === 2 ? 10 : 300 // the second round trip is the quick one
      if (call === 1) throw new Error('lost')
      return local - (call === 2 ? 5 : 150) + 7000
    }
    const offset = await measureClockOffset(fetchServerNow, localNow, 3)
    expect(call).toBe(3)
    expect(offset).toEqual({ offsetMs: 7000, rttMs: 10 })
  })

  it('answers null when the server never answers, and local time is then used', async () => {
    const offset = await measureClockOffset(async () => Promise.reject(new Error('offline')), () => 5, 3)
    expect(offset).toBeNull()
    expect(serverTime(1234, offset)).toBe(1234)
    expect(serverTime(1234, { offsetMs: -34, rttMs: 1 })).toBe(1200)
  })
})
