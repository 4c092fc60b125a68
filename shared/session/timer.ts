/**
 * The session timer, as kept in the session doc. A running timer stores only the server time at
 * which it ends, so every client computes the same countdown from its own server clock estimate
 * (see clock.ts) whatever its local clock says; a paused timer stores what was left.
 */
export type TimerPhase = 'idle' | 'running' | 'paused'

export interface SessionTimer {
  state: TimerPhase
  /** The duration the timer was (or will be) started with; `reset` goes back to it. */
  durationMs: number
  /** Server ms at which a running timer reaches zero; null unless running. */
  endsAt: number | null
  /** What is left while paused (and the full duration while idle). */
  remainingMs: number
}

export const MINUTE_MS = 60_000
/** Shortest and longest timer a facilitator can set. */
export const MIN_DURATION_MS = 1_000
export const MAX_DURATION_MS = 4 * 60 * MINUTE_MS
/** The duration offered when nobody has set one yet. */
export const DEFAULT_DURATION_MS = 5 * MINUTE_MS

/** A duration brought into the allowed range (whole seconds). */
export function clampDuration(durationMs: number): number {
  if (!Number.isFinite(durationMs)) return DEFAULT_DURATION_MS
  const seconds = Math.round(durationMs / 1000) * 1000
  return Math.min(Math.max(seconds, MIN_DURATION_MS), MAX_DURATION_MS)
}

/** An idle timer set to `durationMs`. */
export function idleTimer(durationMs: number = DEFAULT_DURATION_MS): SessionTimer {
  const duration = clampDuration(durationMs)
  return { state: 'idle', durationMs: duration, endsAt: null, remainingMs: duration }
}

/** Starts a countdown of `durationMs` at server time `serverNow`. */
export function startTimer(durationMs: number, serverNow: number): SessionTimer {
  const duration = clampDuration(durationMs)
  return { state: 'running', durationMs: duration, endsAt: serverNow + duration, remainingMs: duration }
}

/** Milliseconds left at server time `serverNow` (never negative). */
export function remainingMs(timer: SessionTimer, serverNow: number): number {
  if (timer.state === 'running') return Math.max(0, (timer.endsAt ?? serverNow) - serverNow)
  if (timer.state === 'paused') return Math.max(0, timer.remainingMs)
  return timer.durationMs
}

/** True once a running timer has reached zero. */
export function isTimeUp(timer: SessionTimer, serverNow: number): boolean {
  return timer.state === 'running' && remainingMs(timer, serverNow) === 0
}

/** Pauses a running timer, keeping what is left; other timers are answered unchanged. */
export function pauseTimer(timer: SessionTimer, serverNow: number): SessionTimer {
  if (timer.state !== 'running') return timer
  return { ...timer, state: 'paused', endsAt: null, remainingMs: remainingMs(timer, serverNow) }
}

/** Resumes a paused timer from what was left; other timers are answered unchanged. */
export function resumeTimer(timer: SessionTimer, serverNow: number): SessionTimer {
  if (timer.state !== 'paused') return timer
  return { ...timer, state: 'running', endsAt: serverNow + timer.remainingMs }
}

/**
 * One more minute: a running timer ends a minute later (one that already reached zero runs
 * again for a minute from now); a paused one has a minute more left; an idle one a minute longer.
 */
export function addMinute(timer: SessionTimer, serverNow: number): SessionTimer {
  if (timer.state === 'running') {
    const endsAt = Math.max(timer.endsAt ?? serverNow, serverNow) + MINUTE_MS
    return { ...timer, endsAt, remainingMs: endsAt - serverNow }
  }
  if (timer.state === 'paused') return { ...timer, remainingMs: Math.min(timer.remainingMs + MINUTE_MS, MAX_DURATION_MS) }
  return idleTimer(timer.durationMs + MINUTE_MS)
}

/** Back to idle at the duration it was started with. */
export function resetTimer(timer: SessionTimer): SessionTimer {
  return idleTimer(timer.durationMs)
}

/** "m:ss" (or "h:mm:ss"), rounding up so the display shows 0:00 only at zero. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/** Reads a timer from the session doc; anything malformed becomes the default idle timer. */
export function parseTimer(value: unknown): SessionTimer {
  if (typeof value !== 'object' || value === null) return idleTimer()
  const { state, durationMs, endsAt, remainingMs: left } = value as Record<string, unknown>
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs)) return idleTimer()
  const duration = clampDuration(durationMs)
  if (state === 'running' && typeof endsAt === 'number' && Number.isFinite(endsAt)) {
    return { state, durationMs: duration, endsAt, remainingMs: typeof left === 'number' ? left : duration }
  }
  if (state === 'paused' && typeof left === 'number' && Number.isFinite(left)) {
    return { state, durationMs: duration, endsAt: null, remainingMs: Math.max(0, left) }
  }
  return idleTimer(duration)
}
