/** A small seeded generator (mulberry32), so every random run can be replayed from its seed. */
export interface SeededRandom {
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T
}

/** The seed from environment variable `name` (a whole number), or a fixed default so CI runs repeat. */
export function seedFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new Error(`${name}=${JSON.stringify(raw)}: expected a whole number seed.`)
  return Number(raw.trim())
}

/** A whole number from environment variable `name`, or `fallback` (long runs are opted into this way). */
export function countFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new Error(`${name}=${JSON.stringify(raw)}: expected a whole number of at least 1.`)
  return Number(raw.trim())
}

/** Creates a generator from `seed`. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick needs at least one item')
      return items[Math.floor(next() * items.length)]!
    },
  }
}
