import { onTestFinished } from 'vitest'
import WebSocket from 'ws'

/** A raw websocket client that records how the server closed it. */
export interface RawSocket {
  ws: WebSocket
  opened: Promise<void>
  /** Resolves with the close code the server sent. */
  closed: Promise<number>
}

/** Opens `url` with the `ws` client; closed when the test ends. */
export function openRawSocket(url: string): RawSocket {
  const ws = new WebSocket(url)
  onTestFinished(() => ws.terminate())
  ws.on('error', () => {})
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)))
  })
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  return { ws, opened, closed }
}

/** The value of one sample in Prometheus text, e.g. `civic_canvas_connections` or `x_total{reason="y"}`; null when absent. */
export function sample(metrics: string, name: string): number | null {
  for (const line of metrics.split('\n')) {
    if (line.startsWith(`${name} `)) return Number(line.slice(name.length + 1))
  }
  return null
}
