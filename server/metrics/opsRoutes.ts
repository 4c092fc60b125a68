import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerMetrics } from './serverMetrics'

/** One dependency /readyz checks: resolves when reachable. */
export interface ReadinessCheck {
  name: string
  check(): Promise<void>
}

/** What /readyz and /metrics need. */
export interface OpsRoutes {
  metrics: ServerMetrics
  checks: ReadinessCheck[]
  /** How long one check may take before it counts as down. */
  checkTimeoutMs?: number
}

/**
 * GET /readyz: 200 `{"ok":true,"checks":{...}}` when every dependency answers, else 503 with
 * the failing ones (a load balancer stops sending new clients). GET /metrics: Prometheus text.
 * Returns false for any other path.
 */
export async function handleOpsRoute(req: IncomingMessage, res: ServerResponse, pathname: string, ops: OpsRoutes): Promise<boolean> {
  if (pathname !== '/readyz' && pathname !== '/metrics') return false
  const method = req.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') {
    send(res, 405, 'application/json; charset=utf-8', JSON.stringify({ error: `Use GET ${pathname}.` }))
    return true
  }
  if (pathname === '/metrics') {
    send(res, 200, ops.metrics.contentType, await ops.metrics.render())
    return true
  }
  const results = await Promise.all(
    ops.checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), ops.checkTimeoutMs ?? 2000)
        return [name, 'ok'] as const
      } catch (error) {
        // The reason, not a connection string: errors from pg and ioredis carry no secrets in their messages.
        return [name, `down: ${(error as Error).message}`] as const
      }
    }),
  )
  const ok = results.every(([, state]) => state === 'ok')
  send(res, ok ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify({ ok, checks: Object.fromEntries(results) }))
  return true
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', contentType)
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(body)
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    promise.then(
      () => {
        clearTimeout(timer)
        resolve()
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
