import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { parseSessionState, type SessionState } from '../../../shared/session/sessionState'
import { sessionMap } from '../sync/sessionDoc'

/** The session doc's state, validated, read now. */
export function readSessionState(doc: Y.Doc): SessionState {
  return parseSessionState(sessionMap(doc).toJSON() as Record<string, unknown>)
}

/** React hook: the session state, re-read on every change of the session doc. */
export function useSessionState(doc: Y.Doc | null | undefined): SessionState | null {
  const [state, setState] = useState<SessionState | null>(() => (doc ? readSessionState(doc) : null))
  useEffect(() => {
    if (!doc) {
      setState(null)
      return
    }
    const map = sessionMap(doc)
    const update = () => setState(readSessionState(doc))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])
  return state
}

/** React hook: a number that changes every `intervalMs` while `active` (drives countdowns). */
export function useTicker(active: boolean, intervalMs = 250): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs)
    return () => clearInterval(timer)
  }, [active, intervalMs])
  return tick
}
