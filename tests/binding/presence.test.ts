import { afterEach, describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { createShapeId, createUserId, type TLInstancePresence } from 'tldraw'
import { bindPresence, presenceIdFor } from '../../client/src/sync/presence'
import { createPeer, type Peer } from '../support/linkedDocs'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

interface Person {
  peer: Peer
  awareness: Awareness
  stopPresence: () => void
}

function person(name: string, color: string): Person {
  const peer = createPeer(name, { user: { id: `id-${name}`, name, color } })
  const awareness = new Awareness(peer.doc)
  cleanups.push(() => {
    peer.dispose()
    awareness.destroy()
  })
  return { peer, awareness, stopPresence: () => {} }
}

function startPresence(p: Person): void {
  p.stopPresence = bindPresence(p.peer.store, p.awareness, { schedule: queueMicrotask })
  cleanups.push(() => p.stopPresence())
}

/** Relays awareness updates both ways, as the websocket server does. */
function linkAwareness(a: Awareness, b: Awareness): void {
  const forward = (from: Awareness, to: Awareness) =>
    (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'relay') return
      const clients = [...changes.added, ...changes.updated, ...changes.removed]
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), 'relay')
    }
  a.on('update', forward(a, b))
  b.on('update', forward(b, a))
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [...a.getStates().keys()]), 'relay')
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [...b.getStates().keys()]), 'relay')
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function presenceOf(viewer: Person, other: Person): TLInstancePresence | undefined {
  return viewer.peer.store.get(presenceIdFor(other.awareness.clientID))
}

describe('presence over awareness', () => {
  it('uses one stable person id for tldraw preferences and the user store', () => {
    const alice = person('alice', '#d9480f')
    expect(alice.peer.editor.user.getId()).toBe('id-alice')
    expect(alice.peer.store.props.users.currentUser.get()?.id).toBe(createUserId('id-alice'))
    expect(alice.peer.editor.user.getName()).toBe('alice')
    expect(alice.peer.editor.user.getColor()).toBe('#d9480f')
  })

  it('shows each person to the other with name and colour, and removes them when they leave', async () => {
    const alice = person('alice', '#d9480f')
    const bob = person('bob', '#0b7285')
    linkAwareness(alice.awareness, bob.awareness)
    startPresence(alice)
    startPresence(bob)
    await settle()

    expect(presenceOf(bob, alice)).toMatchObject({ userName: 'alice', color: '#d9480f', userId: createUserId('id-alice') })
    expect(presenceOf(alice, bob)).toMatchObject({ userName: 'bob', color: '#0b7285' })
    expect(bob.peer.editor.getCollaborators().map((c) => c.userName)).toEqual(['alice'])
    // Our own presence never becomes a record in our own store.
    expect(alice.peer.store.get(presenceIdFor(alice.awareness.clientID))).toBeUndefined()

    const noteId = createShapeId('note')
    alice.peer.editor.createShape({ id: noteId, type: 'note', x: 0, y: 0 })
    alice.peer.editor.select(noteId)
    alice.peer.session.update({ id: 'id-alice', name: 'Alice Chen', color: '#d9480f' })
    await settle()
    expect(presenceOf(bob, alice)).toMatchObject({ userName: 'Alice Chen', selectedShapeIds: [noteId] })

    alice.awareness.destroy()
    await settle()
    expect(presenceOf(bob, alice)).toBeUndefined()
    expect(bob.peer.editor.getCollaborators()).toEqual([])
  })

  it('seeds presence from the people already there when binding', async () => {
    const alice = person('alice', '#d9480f')
    const carol = person('carol', '#5f3dc4')
    startPresence(alice)
    await settle()
    linkAwareness(alice.awareness, carol.awareness)
    startPresence(carol)
    expect(presenceOf(carol, alice)).toMatchObject({ userName: 'alice' })
  })

  it('removes the presence records it added when stopped', async () => {
    const alice = person('alice', '#d9480f')
    const bob = person('bob', '#0b7285')
    linkAwareness(alice.awareness, bob.awareness)
    startPresence(alice)
    startPresence(bob)
    await settle()
    expect(presenceOf(bob, alice)).toBeDefined()
    bob.stopPresence()
    expect(presenceOf(bob, alice)).toBeUndefined()
    await settle()
    // And bob's own presence is withdrawn from the others.
    expect(presenceOf(alice, bob)).toBeUndefined()
  })
})
