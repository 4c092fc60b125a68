import { createHash } from 'node:crypto'
import { appendFileSync } from 'node:fs'

/**
 * Opt-in timing of each update's way through an instance, for the scale-out benchmark's
 * `--trace` (bench/relay/scaleoutTrace.ts joins the files). Off unless SCALEOUT_TRACE_FILE
 * names a file: then every stage appends one JSON line `{t, stage, key?, ...}` (t: wall
 * clock ms, comparable across processes), written in batches off the hot path. An update
 * is named by a hash of its bytes, which the writing client can compute too (the server
 * stores and relays a client's own bytes). The event loop's lateness is recorded as well.
 */
const file = process.env.SCALEOUT_TRACE_FILE ?? ''

/** True when this process traces. */
export const tracing = file !== ''

const lines: string[] = []

/** The name of an update in trace files: the first 12 hex digits of its SHA-1. */
export function updateKey(update: Uint8Array): string {
  return createHash('sha1').update(update).digest('hex').slice(0, 12)
}

/** Records `stage` of one update (no-op unless tracing). */
export function traceUpdate(stage: string, update: Uint8Array, fields?: Record<string, unknown>): void {
  if (tracing) lines.push(JSON.stringify({ t: now(), stage, key: updateKey(update), ...fields }))
}

/** Records an event that is not about one update (compaction, catch-up reads). */
export function traceEvent(stage: string, fields?: Record<string, unknown>): void {
  if (tracing) lines.push(JSON.stringify({ t: now(), stage, ...fields }))
}

function now(): number {
  return performance.timeOrigin + performance.now()
}

function flush(): void {
  if (lines.length > 0) appendFileSync(file, lines.splice(0).join('\n') + '\n')
}

if (tracing) {
  setInterval(flush, 250).unref()
  process.on('exit', flush)
  // Event-loop lateness: a 5 ms timer that fires more than 5 ms late says the loop was busy.
  let expected = now() + 5
  setInterval(() => {
    const t = now()
    if (t - expected > 5) lines.push(JSON.stringify({ t, stage: 'loop-late', ms: t - expected }))
    expected = t + 5
  }, 5).unref()
}
