import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence } from '../../server/persistence/memory'
import { connectOfficialClient } from './support/officialClient'
import { createTestBoard } from './support/boards'
import { startTestServer, waitFor } from './support/testServer'

const NOTES = 200

/** Writes NOTES separate updates and waits until the server holds them. */
async function fillBoard(wsUrl: string, board: string, token: string, serverNotes: () => number): Promise<Record<string, unknown>> {
  const writer = connectOfficialClient(wsUrl, board, token)
  await writer.synced
  for (let i = 0; i < NOTES; i++) writer.doc.getMap('notes').set(`note-${i}`, `機會點 ${i}`)
  await waitFor(() => serverNotes() === NOTES, `the server to hold ${NOTES} notes`)
  const content = writer.doc.getMap('notes').toJSON()
  writer.destroy()
  return content
}

describe('a late joiner', () => {
  it('holds the whole board at its synced event while the board is loaded', async () => {
    const server = await startTestServer()
    const { id: board, tokens } = await createTestBoard(server.url)
    const roomNotes = () => server.registry.room(board)?.doc.getMap('notes').size ?? 0
    const keepAlive = connectOfficialClient(server.wsUrl, board, tokens.viewer)
    await keepAlive.synced
    const written = await fillBoard(server.wsUrl, board, tokens.participant, roomNotes)

    let atSynced: Record<string, unknown> | null = null
    const late = connectOfficialClient(server.wsUrl, board, tokens.viewer, { onSynced: (doc) => (atSynced = doc.getMap('notes').toJSON()) })
    await late.synced
    expect(atSynced).toEqual(written)
    expect(Object.keys(atSynced!)).toHaveLength(NOTES)
  })

  it('holds the whole board at synced when the board must first be loaded from slow storage', async () => {
    // Storage that takes 300 ms to load: a server answering before loading would sync the client empty.
    const persistence = new MemoryPersistence()
    const load = persistence.load.bind(persistence)
    persistence.load = async (id) => {
      await new Promise((r) => setTimeout(r, 300))
      return load(id)
    }
    const server = await startTestServer({ persistence, unloadDelayMs: 50 })
    const { id: board, tokens } = await createTestBoard(server.url)
    const stored = async () => {
      const b = await load(board)
      const doc = new Y.Doc()
      if (b.snapshot) Y.applyUpdate(doc, b.snapshot)
      for (const u of b.updates) Y.applyUpdate(doc, u.data)
      return doc.getMap('notes').size
    }
    const written = await fillBoard(server.wsUrl, board, tokens.participant, () => server.registry.room(board)?.doc.getMap('notes').size ?? 0)
    await waitFor(() => server.registry.room(board) === undefined, 'the board to unload')
    await server.registry.unloadsSettled()
    expect(await stored()).toBe(NOTES)

    let atSynced: Record<string, unknown> | null = null
    const late = connectOfficialClient(server.wsUrl, board, tokens.viewer, { onSynced: (doc) => (atSynced = doc.getMap('notes').toJSON()) })
    await late.synced
    expect(atSynced).toEqual(written)
  })
})
