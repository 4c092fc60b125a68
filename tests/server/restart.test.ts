import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import type * as Y from 'yjs'
import { sqliteFileIn } from '../../server/persistence/sqlite'
import { connectOfficialClient } from './support/officialClient'
import { spawnServer } from './support/serverProcess'
import { createTestBoard } from './support/boards'
import { waitFor } from './support/testServer'

const PER_WRITER = 40

/** Records every note key and value an observer received from the server. */
function recordRelayed(doc: Y.Doc, relayed: Map<string, unknown>): void {
  doc.getMap('notes').observe((event) => {
    for (const key of event.keysChanged) relayed.set(key, doc.getMap('notes').get(key))
  })
}

describe.each([
  ['SIGTERM', 0],
  ['SIGKILL', null],
] as const)('restarting the server process after %s', (signal, expectedExit) => {
  it('loses nothing that any client had received', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-restart-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    const first = await spawnServer(dataDir)
    const { id: board, tokens } = await createTestBoard(`http://127.0.0.1:${first.port}`)
    const writers = [connectOfficialClient(first.wsUrl, board, tokens.participant), connectOfficialClient(first.wsUrl, board, tokens.facilitator)]
    const observer = connectOfficialClient(first.wsUrl, board, tokens.viewer)
    await Promise.all([...writers, observer].map((c) => c.synced))
    const relayed = new Map<string, unknown>()
    recordRelayed(observer.doc, relayed)

    for (let i = 0; i < PER_WRITER; i++) {
      writers.forEach((w, n) => w.doc.getMap('notes').set(`w${n}-${i}`, { text: `服務藍圖 ${n}/${i}` }))
    }
    await waitFor(() => relayed.size === PER_WRITER * writers.length, 'the observer to receive every note')
    // A last burst that may or may not reach the observer before everything stops.
    writers[0]!.doc.getMap('notes').set('last-word', 'maybe')

    for (const client of [...writers, observer]) client.destroy()
    expect(await first.stop(signal)).toBe(expectedExit)

    const second = await spawnServer(dataDir)
    let atSynced: Record<string, unknown> | null = null
    // The same links work after the restart: the token secret was kept in the data dir.
    const fresh = connectOfficialClient(second.wsUrl, board, tokens.viewer, { onSynced: (doc) => (atSynced = doc.getMap('notes').toJSON()) })
    await fresh.synced
    expect(relayed.size).toBeGreaterThanOrEqual(PER_WRITER * writers.length)
    for (const [key, value] of relayed) expect(atSynced![key], key).toEqual(value)
    fresh.destroy()
    expect(await second.stop('SIGTERM')).toBe(0)

    if (signal === 'SIGTERM') {
      // A clean stop compacted the board: one snapshot, no update log left.
      const db = new Database(sqliteFileIn(dataDir), { readonly: true })
      onTestFinished(() => {
        db.close()
      })
      expect(db.prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ?').get(board)).toEqual({ n: 0 })
      expect(db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE board_id = ?').get(board)).toEqual({ n: 1 })
    }
  })
})
