import { describe, expect, it } from 'vitest'
import {
  DEFAULT_DURATION_MS,
  MAX_DURATION_MS,
  MINUTE_MS,
  addMinute,
  clampDuration,
  formatRemaining,
  idleTimer,
  isTimeUp,
  parseTimer,
  pauseTimer,
  remainingMs,
  resetTimer,
  resumeTimer,
  startTimer,
  type SessionTimer,
} from '../../shared/session/timer'
import { serverTime } from '../../shared/session/clock'

const T0 = 1_700_000_000_000

describe('timer arithmetic', () => {
  it.each<[string, SessionTimer, number, number]>([
    ['running, just started', startTimer(5 * MINUTE_MS, T0), T0, 5 * MINUTE_MS],
    ['running, 90 s in', startTimer(5 * MINUTE_MS, T0), T0 + 90_000, 210_000],
    ['running, past the end', startTimer(MINUTE_MS, T0), T0 + 120_000, 0],
    ['running, asked before it started', startTimer(MINUTE_MS, T0), T0 - 5_000, 65_000],
    ['paused with 42 s left', { state: 'paused', durationMs: MINUTE_MS, endsAt: null, remainingMs: 42_000 }, T0 + 999_999, 42_000],
    ['idle shows its duration', idleTimer(3 * MINUTE_MS), T0, 3 * MINUTE_MS],
  ])('%s: remaining %i', (_label, timer, now, expected) => {
    expect(remainingMs(timer, now)).toBe(expected)
  })

  it('pause keeps what is left and resume continues from there', () => {
    const running = startTimer(5 * MINUTE_MS, T0)
    const paused = pauseTimer(running, T0 + 60_000)
    expect(paused).toEqual({ state: 'paused', durationMs: 5 * MINUTE_MS, endsAt: null, remainingMs: 4 * MINUTE_MS })
    // Time passing while paused does not count.
    expect(remainingMs(paused, T0 + 10 * MINUTE_MS)).toBe(4 * MINUTE_MS)
    const resumed = resumeTimer(paused, T0 + 10 * MINUTE_MS)
    expect(resumed.state).toBe('running')
    expect(remainingMs(resumed, T0 + 11 * MINUTE_MS)).toBe(3 * MINUTE_MS)
  })

  it.each<[string, SessionTimer]>([
    ['idle', idleTimer()],
    ['paused', { state: 'paused', durationMs: MINUTE_MS, endsAt: null, remainingMs: 1000 }],
  ])('pausing a %s timer changes nothing', (_label, timer) => {
    expect(pauseTimer(timer, T0)).toBe(timer)
  })

  it.each<[string, SessionTimer]>([
    ['idle', idleTimer()],
    ['running', startTimer(MINUTE_MS, T0)],
  ])('resuming a %s timer changes nothing', (_label, timer) => {
    expect(resumeTimer(timer, T0)).toBe(timer)
  })

  it.each<[string, SessionTimer, number, number]>([
    ['running with 30 s left', startTimer(MINUTE_MS, T0), T0 + 30_000, 90_000],
    ['running that already hit zero', startTimer(MINUTE_MS, T0), T0 + 5 * MINUTE_MS, MINUTE_MS],
    ['paused with 10 s left', { state: 'paused', durationMs: MINUTE_MS, endsAt: null, remainingMs: 10_000 }, T0, 70_000],
    ['idle at 5 min', idleTimer(5 * MINUTE_MS), T0, 6 * MINUTE_MS],
  ])('add a minute to %s: %i left', (_label, timer, now, expected) => {
    const after = addMinute(timer, now)
    expect(after.state).toBe(timer.state)
    expect(remainingMs(after, now)).toBe(expected)
  })

  it('reset goes back to idle at the started duration', () => {
    const timer = addMinute(pauseTimer(startTimer(4 * MINUTE_MS, T0), T0 + 1000), T0)
    expect(resetTimer(timer)).toEqual(idleTimer(4 * MINUTE_MS))
  })

  it.each<[number, boolean]>([
    [T0 + 59_999, false],
    [T0 + 60_000, true],
    [T0 + 600_000, true],
  ])('a running 1-min timer is up at %i: %s', (now, expected) => {
    expect(isTimeUp(startTimer(MINUTE_MS, T0), now)).toBe(expected)
  })

  it('a paused timer at zero is not "time up" (no sound while paused)', () => {
    expect(isTimeUp({ state: 'paused', durationMs: MINUTE_MS, endsAt: null, remainingMs: 0 }, T0)).toBe(false)
  })

  it('two machines with skewed clocks show the same remaining time once they use the server offset', () => {
    const timer = startTimer(5 * MINUTE_MS, T0)
    const serverNow = T0 + 100_000
    // Laptop A runs 3 min fast, laptop B 47 s slow; each knows its offset from GET /api/time.
    const localA = serverNow + 180_000
    const localB = serverNow - 47_000
    const a = remainingMs(timer, serverTime(localA, { offsetMs: -180_000, rttMs: 20 }))
    const b = remainingMs(timer, serverTime(localB, { offsetMs: 47_000, rttMs: 20 }))
    expect(a).toBe(200_000)
    expect(b).toBe(a)
    // Without the offset they would disagree by minutes.
    expect(remainingMs(timer, localA)).not.toBe(remainingMs(timer, localB))
  })

  it.each<[number, string]>([
    [0, '0:00'],
    [-5, '0:00'],
    [1, '0:01'],
    [999, '0:01'],
    [1000, '0:01'],
    [1001, '0:02'],
    [59_001, '1:00'],
    [5 * MINUTE_MS, '5:00'],
    [61 * MINUTE_MS + 5000, '1:01:05'],
  ])('formatRemaining(%i) is %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text)
  })

  it.each<[number, number]>([
    [90_400, 90_000],
    [0, 1000],
    [Number.NaN, DEFAULT_DURATION_MS],
    [99 * 60 * MINUTE_MS, MAX_DURATION_MS],
  ])('clampDuration(%i) is %i', (input, expected) => {
    expect(clampDuration(input)).toBe(expected)
  })

  it.each<[string, unknown, SessionTimer]>([
    ['nothing', undefined, idleTimer()],
    ['a string', 'running', idleTimer()],
    ['running without an end', { state: 'running', durationMs: MINUTE_MS, endsAt: null }, idleTimer(MINUTE_MS)],
    [
      'a good running timer',
      { state: 'running', durationMs: MINUTE_MS, endsAt: T0, remainingMs: MINUTE_MS },
      { state: 'running', durationMs: MINUTE_MS, endsAt: T0, remainingMs: MINUTE_MS },
    ],
    [
      'a paused timer with negative time left',
      { state: 'paused', durationMs: MINUTE_MS, endsAt: null, remainingMs: -3 },
      { state: 'paused', durationMs: MINUTE_MS, endsAt: null, remainingMs: 0 },
    ],
    ['an unknown state', { state: 'exploded', durationMs: 2 * MINUTE_MS }, idleTimer(2 * MINUTE_MS)],
  ])('parseTimer(%s)', (_label, value, expected) => {
    expect(parseTimer(value)).toEqual(expected)
  })
})
