import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createTestBoard } from './support/boards'
import { connectOfficialClient, type OfficialClient } from './support/officialClient'
import { waitFor } from './support/testServer'
import { httpUrl, notesOf, startCluster, startRedis, stopRedis } from './scaleout-cluster'

// Every scenario that touches the machine's Redis lives in this one file: files run in
// parallel, and the Redis restart below must not pull Redis from under another file.

/** Records every note key and value an observer received from its server. */
function recordRelayed(doc: Y.Doc, relayed: Map<string, unknown>): void {
  const notes = doc.getMap('notes')
  notes.observe((event) => {
    for (const key of event.keysChanged) relayed.set(key, notes.get(key))
  })
}

function write(client: OfficialClient, prefix: string, count: number): void {
  for (let i = 0; i < count; i++) client.doc.getMap('notes').set(`${prefix}-${i}`, { text: `旅程痛點 ${prefix}/${i}` })
}

/** Notes as JSON with sorted keys: clients integrate in different orders, so map order differs. */
function canonical(doc: Y.Doc): string {
  const notes = notesOf(doc)
  return JSON.stringify(Object.keys(notes).sort().map((key) => [key, notes[key]]))
}

function allEqual(clients: OfficialClient[], size: number): boolean {
  const first = canonical(clients[0]!.doc)
  return clients.every((c) => c.doc.getMap('notes').size === size && canonical(c.doc) === first)
}

/** A fresh client's notes at the moment its provider reports `synced`. */
async function notesAtSynced(wsUrl: string, board: string, token: string): Promise<Record<string, unknown>> {
  let atSynced: Record<string, unknown> = {}
  const client = connectOfficialClient(wsUrl, board, token, { onSynced: (doc) => (atSynced = notesOf(doc)) })
  await client.synced
  client.destroy()
  return atSynced
}

describe('scale-out: several instances on PostgreSQL and Redis', () => {
  it('converges clients on two instances, stores each update once, shares awareness, and serves the full board to late joiners on either', async () => {
    const cluster = await startCluster(2)
    const [a, b] = cluster.instances as [NonNullable<(typeof cluster.instances)[0]>, NonNullable<(typeof cluster.instances)[0]>]
    const { id: board, tokens } = await createTestBoard(httpUrl(a))
    const clients = [
      connectOfficialClient(a.wsUrl, board, tokens.participant),
      connectOfficialClient(a.wsUrl, board, tokens.facilitator),
      connectOfficialClient(b.wsUrl, board, tokens.participant),
      connectOfficialClient(b.wsUrl, board, tokens.participant),
    ]
    await Promise.all(clients.map((c) => c.synced))

    clients.forEach((client, n) => write(client, `c${n}`, 30))
    await waitFor(() => allEqual(clients, 120), 'all four clients to hold the same 120 notes', 10_000)
    // Instance B applied A's updates without storing them again (and the other way round).
    const [row] = await cluster.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${cluster.schema}".updates WHERE doc_id = '${board}'`)
    expect(Number(row?.n)).toBe(120)

    // Awareness crosses instances both ways.
    clients[0]!.provider.awareness.setLocalStateField('user', { name: '林承辦' })
    clients[2]!.provider.awareness.setLocalStateField('user', { name: '陳科長' })
    const names = (c: OfficialClient) =>
      [...c.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean)
    await waitFor(() => names(clients[3]!).includes('林承辦') && names(clients[1]!).includes('陳科長'), 'awareness across instances')
    // A client joining A later sees both people at once: A's room holds B's states too.
    const late = connectOfficialClient(a.wsUrl, board, tokens.viewer)
    await late.synced
    await waitFor(() => names(late).includes('陳科長') && names(late).includes('林承辦'), 'a late joiner on A to see both people')
    // A person leaving B disappears on A.
    clients[2]!.destroy()
    await waitFor(() => !names(clients[0]!).includes('陳科長'), 'the departure to reach the other instance')

    const expected = notesOf(clients[0]!.doc)
    expect(await notesAtSynced(a.wsUrl, board, tokens.viewer)).toEqual(expected)
    expect(await notesAtSynced(b.wsUrl, board, tokens.viewer)).toEqual(expected)
  })

  it('a board loaded later on another instance gets the awareness states the first one holds', async () => {
    const cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const { id: board, tokens } = await createTestBoard(httpUrl(a!))
    const onA = connectOfficialClient(a!.wsUrl, board, tokens.participant)
    await onA.synced
    onA.provider.awareness.setLocalStateField('user', { name: '王設計師' })
    await new Promise((r) => setTimeout(r, 100))
    // B loads the board only now: its room asks the others for their awareness on load.
    const onB = connectOfficialClient(b!.wsUrl, board, tokens.participant)
    await onB.synced
    const seen = () => [...onB.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === '王設計師')
    await waitFor(seen, 'B to learn about the person on A without waiting for a renewal', 3000)
  })

  it('loses nothing any client saw relayed when one instance is killed with SIGKILL; its clients move to the other and converge', async () => {
    const cluster = await startCluster(2)
    const [a, b] = cluster.instances as [NonNullable<(typeof cluster.instances)[0]>, NonNullable<(typeof cluster.instances)[0]>]
    const { id: board, tokens } = await createTestBoard(httpUrl(b))
    const onA = [connectOfficialClient(a.wsUrl, board, tokens.participant), connectOfficialClient(a.wsUrl, board, tokens.participant)]
    const onB = [connectOfficialClient(b.wsUrl, board, tokens.participant), connectOfficialClient(b.wsUrl, board, tokens.participant)]
    const observers = [connectOfficialClient(a.wsUrl, board, tokens.viewer), connectOfficialClient(b.wsUrl, board, tokens.viewer)]
    await Promise.all([...onA, ...onB, ...observers].map((c) => c.synced))
    const relayed = new Map<string, unknown>()
    for (const observer of observers) recordRelayed(observer.doc, relayed)

    ;[...onA, ...onB].forEach((client, n) => write(client, `w${n}`, 25))
    await waitFor(() => relayed.size === 100, 'the observers to receive every note', 10_000)
    // A burst on A that may or may not be stored before A dies.
    write(onA[0]!, 'burst', 20)
    expect(await a.stop('SIGKILL')).toBeNull()

    // A's people reconnect to B with what they hold (their unsent burst included).
    const moved = onA.map((client) => {
      client.provider.destroy()
      return connectOfficialClient(b.wsUrl, board, tokens.participant, { doc: client.doc })
    })
    const everyone = [...moved, ...onB]
    await Promise.all(moved.map((c) => c.synced))
    await waitFor(() => allEqual(everyone, 120), 'everyone on B to converge on 120 notes', 10_000)
    const converged = notesOf(everyone[0]!.doc)
    for (const client of [...everyone, ...observers]) client.destroy()

    const fresh = await notesAtSynced(b.wsUrl, board, tokens.viewer)
    for (const [key, value] of relayed) expect(fresh[key], key).toEqual(value)
    expect(fresh).toEqual(converged)
    // A new instance in A's place serves the same board.
    const c = await cluster.spawn()
    expect(await notesAtSynced(c.wsUrl, board, tokens.viewer)).toEqual(converged)
  })

  it('heals after Redis restarts mid-session: instances reconnect, read what they missed from PostgreSQL, and /readyz follows Redis', async () => {
    const cluster = await startCluster(2)
    const [a, b] = cluster.instances as [NonNullable<(typeof cluster.instances)[0]>, NonNullable<(typeof cluster.instances)[0]>]
    onTestFinished(() => startRedis())
    const { id: board, tokens } = await createTestBoard(httpUrl(a))
    const onA = connectOfficialClient(a.wsUrl, board, tokens.participant)
    const onB = connectOfficialClient(b.wsUrl, board, tokens.participant)
    await Promise.all([onA.synced, onB.synced])
    write(onA, 'before', 10)
    await waitFor(() => onB.doc.getMap('notes').size === 10, 'B to see the first notes')
    expect((await fetch(`${httpUrl(a)}/readyz`)).status).toBe(200)

    try {
      stopRedis()
      write(onA, 'during-a', 10)
      write(onB, 'during-b', 10)
      const ready = await fetch(`${httpUrl(a)}/readyz`)
      expect(ready.status).toBe(503)
      expect(((await ready.json()) as { checks: Record<string, string> }).checks.storage).toBe('ok')
      // Stored (each instance's own clients see their notes), but nothing crosses while Redis is away.
      await new Promise((r) => setTimeout(r, 300))
      expect(onB.doc.getMap('notes').has('during-a-0')).toBe(false)
    } finally {
      await startRedis()
    }

    await waitFor(() => allEqual([onA, onB], 30), 'both instances to heal from PostgreSQL after Redis returned', 10_000)
    write(onB, 'after', 5)
    await waitFor(() => allEqual([onA, onB], 35), 'pub/sub to work again', 5000)
    expect((await fetch(`${httpUrl(b)}/readyz`)).status).toBe(200)
    const expected = notesOf(onA.doc)
    onA.destroy()
    onB.destroy()
    expect(await notesAtSynced(a.wsUrl, board, tokens.viewer)).toEqual(expected)
    expect(await notesAtSynced(b.wsUrl, board, tokens.viewer)).toEqual(expected)
  })

  it('exits 1 after SHUTDOWN_TIMEOUT_MS when storage hangs during a stop, rather than hang forever', async () => {
    const cluster = await startCluster(1, { SHUTDOWN_TIMEOUT_MS: '1000' })
    const [a] = cluster.instances
    const { id: board, tokens } = await createTestBoard(httpUrl(a!))
    const client = connectOfficialClient(a!.wsUrl, board, tokens.participant)
    await client.synced
    client.doc.getMap('notes').set('n', 1)
    for (let stored = 0; stored === 0; await new Promise((r) => setTimeout(r, 20))) {
      const [row] = await cluster.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${cluster.schema}".updates WHERE doc_id = '${board}'`)
      stored = Number(row?.n)
    }
    // Hold the board's seq row: the compaction at shutdown waits for it.
    const blocker = new pg.Client({ connectionString: cluster.env.DATABASE_URL })
    await blocker.connect()
    onTestFinished(() => blocker.end())
    await blocker.query('BEGIN')
    await blocker.query(`SELECT last_seq FROM "${cluster.schema}".documents WHERE id = $1 FOR UPDATE`, [board])
    const started = Date.now()
    expect(await a!.stop('SIGTERM')).toBe(1)
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(900)
    expect(took).toBeLessThan(5000)
    expect(a!.logs.some((l) => l.msg === 'shutdown took too long; exiting')).toBe(true)
    await blocker.query('ROLLBACK')
  })
})
