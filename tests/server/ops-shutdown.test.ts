import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createTestBoard, docUrl } from './support/boards'
import { spawnServer } from './support/serverProcess'
import { openRawSocket } from './ops-support'

describe.each(['SIGTERM', 'SIGINT'] as const)('%s', (signal) => {
  it('closes every socket with 1012, persists and exits 0 well within SHUTDOWN_TIMEOUT_MS', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-canvas-shutdown-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await spawnServer(dataDir, { SHUTDOWN_TIMEOUT_MS: '5000' })
    const { id: board, tokens } = await createTestBoard(`http://127.0.0.1:${server.port}`)
    const sockets = [openRawSocket(docUrl(server.wsUrl, board, tokens.participant)), openRawSocket(docUrl(server.wsUrl, board, tokens.viewer, 'session'))]
    await Promise.all(sockets.map((s) => s.opened))

    const started = Date.now()
    const exit = server.stop(signal)
    expect(await Promise.all(sockets.map((s) => s.closed))).toEqual([1012, 1012])
    expect(await exit).toBe(0)
    expect(Date.now() - started).toBeLessThan(5000)
    const messages = server.logs.map((l) => l.msg)
    expect(messages).toContain('stopping')
    expect(messages).toContain('stopped')
    expect(server.logs.find((l) => l.msg === 'stopping')).toMatchObject({ signal, timeoutMs: 5000 })
  })
})
