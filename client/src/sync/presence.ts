import type { Awareness } from 'y-protocols/awareness'
import {
  InstancePresenceRecordType,
  createPresenceStateDerivation,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'

/** The awareness field carrying a client's tldraw presence record. */
export const PRESENCE_FIELD = 'presence'

export interface PresenceOptions {
  /** The person at this client; defaults to the store's `users.currentUser`. */
  user?: Signal<TLUser | null>
  /**
   * Runs the awareness write later. Writing synchronously inside the reactive callback
   * corrupts tldraw's dependency tracking; an animation frame also coalesces cursor moves.
   */
  schedule?: (write: () => void) => void
}

/** The presence record id of an awareness client (one per browser tab). */
export function presenceIdFor(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(String(clientId))
}

function defaultSchedule(write: () => void): void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
    requestAnimationFrame(write)
  } else {
    queueMicrotask(write)
  }
}

function isPresenceRecord(value: unknown): value is TLInstancePresence {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { typeName?: unknown }).typeName === 'instance_presence' &&
    typeof (value as { userId?: unknown }).userId === 'string'
  )
}

/**
 * Feeds tldraw's presence from Yjs awareness and back: our presence (cursor, selection,
 * camera, name, colour) goes into our awareness state; every other client's state becomes an
 * `instance_presence` record in the store (as a remote change), removed when that client
 * leaves. tldraw's own UI then shows cursors, selections, the people menu and following.
 * Answers a function that stops it and removes the presence records it added.
 */
export function bindPresence(store: TLStore, awareness: Awareness, options: PresenceOptions = {}): () => void {
  const schedule = options.schedule ?? defaultSchedule
  const $user = options.user ?? store.props.users.currentUser
  const $presence = createPresenceStateDerivation($user, { instanceId: presenceIdFor(awareness.clientID) })(store)
  const shownClients = new Set<number>()
  let writeScheduled = false
  let stopped = false

  const writePresence = () => {
    writeScheduled = false
    if (stopped) return
    awareness.setLocalStateField(PRESENCE_FIELD, $presence.get())
  }
  const stopReacting = react('civic-canvas presence to awareness', () => {
    $presence.get()
    if (writeScheduled) return
    writeScheduled = true
    schedule(writePresence)
  })

  const applyClients = (clientIds: Iterable<number>) => {
    const states = awareness.getStates()
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const presence: unknown = states.get(clientId)?.[PRESENCE_FIELD]
      if (isPresenceRecord(presence)) {
        // Keyed by the sender's awareness id, so its record goes when that client goes.
        toPut.push({ ...presence, id: presenceIdFor(clientId) })
        shownClients.add(clientId)
      } else if (shownClients.delete(clientId)) {
        toRemove.push(presenceIdFor(clientId))
      }
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      for (const presence of toPut) {
        try {
          store.put([presence])
        } catch (error) {
          console.warn('[civic-canvas] ignored a collaborator presence that does not validate', error)
        }
      }
    })
  }

  const onAwarenessChange = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
    if (stopped) return
    applyClients([...changes.added, ...changes.updated, ...changes.removed])
  }
  awareness.on('change', onAwarenessChange)
  applyClients(awareness.getStates().keys())

  return () => {
    if (stopped) return
    stopped = true
    stopReacting()
    awareness.off('change', onAwarenessChange)
    awareness.setLocalStateField(PRESENCE_FIELD, null)
    const ids = [...shownClients].map(presenceIdFor)
    shownClients.clear()
    if (ids.length > 0) store.mergeRemoteChanges(() => store.remove(ids))
  }
}
