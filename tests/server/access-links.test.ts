import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { tokenSecretFileIn } from '../../server/access/tokenSecret'
import { bearer, createTestBoard, docUrl } from './support/boards'
import { connectOfficialClient } from './support/officialClient'
import { rawRequest } from './support/rawHttp'
import { startTestServer, waitFor } from './support/testServer'

/** Upgrade status for `path` (raw, so the status code is visible). */
async function upgradeStatus(port: number, path: string): Promise<number> {
  // A refusal ends the connection; an accepted upgrade stays open until this short timeout.
  return (await rawRequest(port, path, { upgrade: true, timeoutMs: 300 })).status
}

function tamper(token: string): string {
  const [version, body, mac] = token.split('.') as [string, string, string]
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>
  const forged = Buffer.from(JSON.stringify({ ...payload, r: 'facilitator' })).toString('base64url')
  return `${version}.${forged}.${mac}`
}

describe('link tokens at the websocket upgrade', () => {
  it('refuses missing, tampered and foreign tokens before any document is loaded', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url)
    const other = await createTestBoard(server.url)
    const ws = (token: string | null, suffix = '') => `/ws/${board.id}${suffix}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`
    expect(await upgradeStatus(server.port, ws(null))).toBe(401)
    expect(await upgradeStatus(server.port, ws('garbage'))).toBe(401)
    expect(await upgradeStatus(server.port, ws(tamper(board.tokens.participant)))).toBe(401)
    expect(await upgradeStatus(server.port, ws(tamper(board.tokens.participant), '/session'))).toBe(401)
    expect(await upgradeStatus(server.port, ws(other.tokens.facilitator))).toBe(403)
    expect(await upgradeStatus(server.port, ws(other.tokens.facilitator, '/session'))).toBe(403)
    // Genuine, but for a board this server never created (e.g. a lost database).
    const orphan = server.access.issueTokens('NeverCreatedBoard00001', { facilitator: 1, participant: 1, viewer: 1 })
    expect(await upgradeStatus(server.port, `/ws/NeverCreatedBoard00001?token=${orphan.facilitator}`)).toBe(404)
    expect(server.registry.size).toBe(0)
    const refusals = server.logs.filter((l) => l.msg === 'websocket refused')
    expect(refusals).toHaveLength(7)
    // Logged without the token.
    expect(JSON.stringify(refusals)).not.toContain(board.tokens.participant.split('.')[2])
  })

  it('opens both documents with each role', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url)
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const main = connectOfficialClient(server.wsUrl, board.id, board.tokens[role])
      const session = connectOfficialClient(server.wsUrl, `${board.id}/session`, board.tokens[role])
      await Promise.all([main.synced, session.synced])
    }
    expect(server.registry.room(board.id)?.size).toBe(3)
    expect(server.registry.room(`${board.id}:session`)?.size).toBe(3)
  })

  it('rotation voids participant and viewer links, closes their open sockets with 4403, keeps the facilitator', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url)
    const facilitator = connectOfficialClient(server.wsUrl, board.id, board.tokens.facilitator)
    const participant = connectOfficialClient(server.wsUrl, board.id, board.tokens.participant)
    const viewerSession = connectOfficialClient(server.wsUrl, `${board.id}/session`, board.tokens.viewer)
    await Promise.all([facilitator.synced, participant.synced, viewerSession.synced])
    const closes: number[] = []
    for (const client of [participant, viewerSession]) {
      client.provider.on('connection-close', (event) => closes.push(event?.code ?? -1))
    }

    const refused = await fetch(`${server.url}/api/boards/${board.id}/tokens/rotate`, { method: 'POST', headers: bearer(board.tokens.participant) })
    expect(refused.status).toBe(403)

    const res = await fetch(`${server.url}/api/boards/${board.id}/tokens/rotate`, { method: 'POST', headers: bearer(board.tokens.facilitator) })
    expect(res.status).toBe(200)
    const { tokens } = (await res.json()) as { tokens: Record<'facilitator' | 'participant' | 'viewer', string> }
    expect(tokens.participant).not.toBe(board.tokens.participant)
    expect(tokens.viewer).not.toBe(board.tokens.viewer)

    await waitFor(() => closes.length === 2, 'both rotated sockets to close')
    expect(closes).toEqual([CloseCode.forbidden, CloseCode.forbidden])
    expect(facilitator.provider.wsconnected).toBe(true)
    // 4403 is final for the y-websocket client: it does not reconnect with the dead link.
    await new Promise((r) => setTimeout(r, 200))
    expect(participant.provider.wsconnected).toBe(false)

    expect(await upgradeStatus(server.port, `/ws/${board.id}?token=${board.tokens.participant}`)).toBe(403)
    expect(await upgradeStatus(server.port, `/ws/${board.id}/session?token=${board.tokens.viewer}`)).toBe(403)
    const renewed = connectOfficialClient(server.wsUrl, board.id, tokens.participant)
    await renewed.synced
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.participant) })).status).toBe(403)
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(tokens.facilitator) })).status).toBe(200)
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.facilitator) })).status).toBe(200)
  })

  it('keeps links working across a restart with the generated secret, stored 0600 in DATA_DIR', async () => {
    const first = await startTestServer()
    const board = await createTestBoard(first.url)
    const file = tokenSecretFileIn(first.dataDir)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    await first.close()
    const second = await startTestServer({ dataDir: first.dataDir })
    const res = await fetch(`${second.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.viewer) })
    expect(res.status).toBe(200)
  })

  it('signs with TOKEN_SECRET when given: another secret does not accept the links', async () => {
    const server = await startTestServer({ tokenSecret: 's'.repeat(40) })
    const board = await createTestBoard(server.url)
    const link = docUrl('', board.id, board.tokens.participant).replace(/^\//, '/ws/')
    expect(await upgradeStatus(server.port, link)).toBe(101)
    await server.close()
    const other = await startTestServer({ tokenSecret: 't'.repeat(40), dataDir: server.dataDir })
    expect(await upgradeStatus(other.port, link)).toBe(401)
  })
})

describe('board API', () => {
  it('tells each role its role, the name and the template', async () => {
    const server = await startTestServer()
    const board = await createTestBoard(server.url, { name: ' 資料申請小幫手 工作坊 ', template: 'five-step' })
    expect(board).toMatchObject({ name: '資料申請小幫手 工作坊', template: 'five-step' })
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens[role]) })
      expect(res.status).toBe(200)
      const info = (await res.json()) as Record<string, unknown>
      expect(info).toMatchObject({ id: board.id, name: '資料申請小幫手 工作坊', template: 'five-step', role })
      expect(Math.abs(Date.now() - Date.parse(info.createdAt as string))).toBeLessThan(60_000)
    }
    expect((await fetch(`${server.url}/api/boards/${board.id}`)).status).toBe(401)
    const tampered = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(tamper(board.tokens.viewer)) })
    expect(tampered.status).toBe(401)
    expect(((await tampered.json()) as { error: string }).error).toMatch(/not issued by this server/)
  })

  it.each([
    [{ template: 'kanban' }, /"template" must be one of/],
    [{ name: 'x'.repeat(201) }, /"name" must be a string of at most 200/],
    [{ name: 42 }, /"name" must be a string/],
  ])('refuses a board body %j with 400', async (body, message) => {
    const server = await startTestServer()
    const res = await fetch(`${server.url}/api/boards`, { method: 'POST', body: JSON.stringify(body) })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(message)
  })

  it('needs the operator secret to create boards when BOARD_CREATE_SECRET is set', async () => {
    const secret = 'operator-'.repeat(4)
    const server = await startTestServer({ boardCreateSecret: secret })
    expect((await fetch(`${server.url}/api/boards`, { method: 'POST' })).status).toBe(401)
    const wrong = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: bearer(`${secret}x`) })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { error: string }).error).toMatch(/operator secret/)
    const board = await createTestBoard(server.url, { template: 'bus-arrival' }, bearer(secret))
    expect(board.template).toBe('bus-arrival')
    expect(Object.keys(board.tokens).sort()).toEqual(['facilitator', 'participant', 'viewer'])
  })

  it('answers GET /api/time with the server clock', async () => {
    const server = await startTestServer()
    const before = Date.now()
    const res = await fetch(`${server.url}/api/time`)
    const after = Date.now()
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const { now } = (await res.json()) as { now: number }
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(after)
    expect((await fetch(`${server.url}/api/time`, { method: 'POST' })).status).toBe(405)
  })
})
