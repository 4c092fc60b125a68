import { useEffect, useRef } from 'react'
import { createUserId, react, type Editor, type TLPageId } from 'tldraw'
import type { SessionState } from '../../../shared/session/sessionState'
import type { ServerClock } from './serverClock'
import { zoomToStep } from './stepFrames'

/** A summon older than this when first seen is history, not a call to come (e.g. after a reload). */
const SUMMON_FRESH_MS = 30_000

/**
 * Moves this person's camera to the step's frame whenever the facilitator sets a step (again):
 * also on joining mid-session. People following someone are left alone (they move with them).
 */
export function useStepCamera(editor: Editor, state: SessionState | null): void {
  const lastKey = useRef<string | null>(null)
  const step = state?.step ?? null
  const setAt = state?.stepSetAt ?? null
  useEffect(() => {
    if (step === null) {
      lastKey.current = null
      return
    }
    const key = `${step}@${setAt ?? ''}`
    if (key === lastKey.current) return
    lastKey.current = key
    if (editor.getInstanceState().followingUserId) return
    if (zoomToStep(editor, step)) return
    // The frame may arrive a moment later (a template still syncing): try once more then.
    const retry = setTimeout(() => zoomToStep(editor, step), 800)
    return () => clearTimeout(retry)
  }, [editor, step, setAt])
}

/** "Bring everyone here": a new summon by someone else moves this camera to their view. */
export function useSummon(editor: Editor, state: SessionState | null, userId: string, clock: ServerClock): void {
  const seen = useRef<string | null>(null)
  const summon = state?.summon ?? null
  useEffect(() => {
    if (!summon || summon.id === seen.current) return
    seen.current = summon.id
    if (summon.userId === userId) return
    if (clock.now() - summon.at > SUMMON_FRESH_MS) return
    if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
    const pageId = summon.pageId as TLPageId
    if (editor.getPage(pageId) && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
    // The same page point at the centre of every screen, at the facilitator's zoom.
    const { w, h } = editor.getViewportScreenBounds()
    editor.setCamera(
      { x: w / (2 * summon.z) - summon.x, y: h / (2 * summon.z) - summon.y, z: summon.z },
      { animation: { duration: 400 } },
    )
  }, [editor, summon, userId, clock])
}

/**
 * "Follow me": when the facilitator turns it on, everyone else starts following them (as soon
 * as their presence is known); when it is turned off, those following them stop. Anyone can
 * stop following on their own; they are not pulled back until the facilitator asks again.
 */
export function useFollowMe(editor: Editor, state: SessionState | null, userId: string): void {
  const followMe = state?.followMe ?? null
  const handled = useRef<string | null>(null)
  const leaderRef = useRef<string | null>(null)
  useEffect(() => {
    if (!followMe) {
      const leader = leaderRef.current
      leaderRef.current = null
      handled.current = null
      if (leader && editor.getInstanceState().followingUserId === leader) editor.stopFollowingUser()
      return
    }
    const key = `${followMe.userId}@${followMe.at}`
    if (handled.current === key || followMe.userId === userId) return
    const leader = createUserId(followMe.userId)
    leaderRef.current = leader
    // Their presence may not have arrived yet: start as soon as it has.
    const stop = react('civic-canvas follow me', () => {
      if (handled.current === key) return
      if (!editor.getCollaborators().some((c) => c.userId === leader)) return
      handled.current = key
      queueMicrotask(() => editor.startFollowingUser(leader))
    })
    return stop
  }, [editor, followMe, userId])
}
