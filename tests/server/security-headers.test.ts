/**
 * Security headers on every HTTP answer: a CSP that allows only this server (no CDN) and no
 * framing, nosniff, no referrer. (That the app still runs under this CSP is checked in
 * Chromium by tests/browser/reliability-csp.test.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../server/http/securityHeaders'
import { createBoard } from '../reliability-support/boards'
import { startInProcessServer } from '../reliability-support/inProcessServer'

describe('security headers', () => {
  it('are on the client, the API, errors and health checks', async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'civic-canvas-static-'))
    onTestFinished(() => rmSync(staticDir, { recursive: true, force: true }))
    mkdirSync(join(staticDir, 'assets'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(staticDir, 'assets', 'app-abc123.js'), 'export {}')
    const server = await startInProcessServer({ staticDir })
    const board = await createBoard(server.url)
    const answers = await Promise.all(
      ['/', `/b/${board.id}`, '/assets/app-abc123.js', '/assets/missing.js', '/healthz', '/api/time', '/api/nothing-here', `/api/boards/${board.id}`].map(
        async (path) => [path, await fetch(`${server.url}${path}`)] as const,
      ),
    )
    for (const [path, res] of answers) {
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(res.headers.get('x-frame-options'), path).toBe('DENY')
      await res.arrayBuffer()
    }
    expect(answers.map(([, res]) => res.status)).toEqual([200, 200, 200, 404, 200, 200, 404, 401])
  })

  it('allow nothing from other hosts: no CDN, no inline script, no framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const))
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    for (const [name, sources] of directives) {
      for (const source of sources) expect(source, name).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/)
    }
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
  })
})
