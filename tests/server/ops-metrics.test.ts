import { describe, expect, it } from 'vitest'
import { createTestBoard, docUrl } from './support/boards'
import { connectOfficialClient } from './support/officialClient'
import { startTestServer, waitFor } from './support/testServer'
import { openRawSocket, sample } from './ops-support'

describe('GET /metrics', () => {
  it('reports boards, connections, traffic, persistence, refusals and auth failures in Prometheus format', async () => {
    const server = await startTestServer()
    const { id: board, tokens } = await createTestBoard(server.url)
    const client = connectOfficialClient(server.wsUrl, board, tokens.participant)
    await client.synced
    for (let i = 0; i < 5; i++) client.doc.getMap('notes').set(`n${i}`, `人物誌 ${i}`)
    await waitFor(() => (server.registry.room(board)?.doc.getMap('notes').size ?? 0) === 5, 'the server to hold 5 notes')
    await server.registry.room(board)!.idle()

    // A bad token (auth failure) and a text frame (a refused message).
    const intruder = openRawSocket(docUrl(server.wsUrl, board, 'not-a-token'))
    await expect(intruder.opened).rejects.toThrow(/401/)
    const texter = openRawSocket(docUrl(server.wsUrl, board, tokens.viewer))
    await texter.opened
    texter.ws.send('hello')
    expect(await texter.closed).toBe(4400)

    const res = await fetch(`${server.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(sample(text, 'civic_canvas_boards_loaded')).toBe(1)
    expect(sample(text, 'civic_canvas_connections')).toBe(1)
    expect(sample(text, 'civic_canvas_updates_persisted_total')).toBe(5)
    expect(sample(text, 'civic_canvas_persistence_seconds_count{operation="append"}')).toBe(5)
    expect(sample(text, 'civic_canvas_persistence_seconds_count{operation="load"}')).toBe(1)
    expect(sample(text, 'civic_canvas_messages_received_total')).toBeGreaterThanOrEqual(7)
    expect(sample(text, 'civic_canvas_bytes_received_total')).toBeGreaterThan(5 * 10)
    expect(sample(text, 'civic_canvas_messages_sent_total')).toBeGreaterThanOrEqual(2)
    expect(sample(text, 'civic_canvas_rejected_messages_total{reason="textFrame"}')).toBe(1)
    expect(sumOf(text, 'civic_canvas_auth_failures_total')).toBe(1)
    expect(text).toContain('process_cpu_user_seconds_total')

    // Unloading the board compacts it: one successful compaction, no board loaded.
    client.destroy()
    await waitFor(() => server.registry.size === 0, 'the board to unload')
    await server.registry.unloadsSettled()
    const after = await (await fetch(`${server.url}/metrics`)).text()
    expect(sample(after, 'civic_canvas_compactions_total{result="ok"}')).toBe(1)
    expect(sample(after, 'civic_canvas_boards_loaded')).toBe(0)
    expect(sample(after, 'civic_canvas_connections')).toBe(0)
  })
})

/** Sum of every labelled sample of a counter. */
function sumOf(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
}
