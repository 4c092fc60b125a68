import { describe, expect, it } from 'vitest'
import { startTestServer } from './support/testServer'

describe('GET /readyz', () => {
  it('answers 200 while storage answers and 503 naming the storage once it does not; /healthz stays 200', async () => {
    const server = await startTestServer()
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ ok: true, checks: { storage: 'ok' } })
    expect((await fetch(`${server.url}/readyz`, { method: 'POST' })).status).toBe(405)

    await server.persistence.close()
    const down = await fetch(`${server.url}/readyz`)
    expect(down.status).toBe(503)
    const body = (await down.json()) as { ok: boolean; checks: Record<string, string> }
    expect(body.ok).toBe(false)
    expect(body.checks.storage).toMatch(/^down: /)
    // Alive, just not ready: a supervisor must not restart it for this.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
