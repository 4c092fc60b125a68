import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose_gc')
const collect = runInNewContext('gc') as (() => void) | undefined

/** Runs a full garbage collection, so one measurement does not pay for the previous one's garbage. */
export function collectGarbage(): void {
  collect?.()
}

/** Runs `fn` once after a full GC and answers how long it took, in ms. */
export function timedAfterGc(fn: () => void): number {
  collectGarbage()
  const start = performance.now()
  fn()
  return performance.now() - start
}
