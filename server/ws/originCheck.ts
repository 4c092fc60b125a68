/**
 * Which web pages may open a websocket to this server. Browsers send `Origin` with every
 * websocket handshake and do not apply the same-origin policy to websockets, so without
 * this check any site a workshop participant visits could open their board in the
 * background (cross-site websocket hijacking). Clients that are not browsers send no
 * Origin and are judged by their token alone.
 */

/** Hosts that count as this machine: a facilitator running the server on a laptop. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Parses ALLOWED_ORIGINS: a comma-separated list of origins such as
 * `https://workshop.example.gov.tw,http://10.0.0.5:1234`. Throws on anything else.
 */
export function parseAllowedOrigins(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
  for (const origin of origins) {
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      throw new Error(`ALLOWED_ORIGINS entry ${JSON.stringify(origin)} is not an origin: expected e.g. https://canvas.example.org`)
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new Error(
        `ALLOWED_ORIGINS entry ${JSON.stringify(origin)} is not an origin: expected scheme://host[:port] with no path, e.g. https://canvas.example.org`,
      )
    }
  }
  return origins.map((origin) => new URL(origin).origin)
}

/**
 * True when a websocket upgrade with this `Origin` header may proceed: no Origin (not a
 * browser), the page's own origin (Origin's host equals the Host header), a loopback
 * origin, or one listed in `allowed`.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false // "null" (sandboxed frames, file://) and garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (host !== undefined && url.host === host.toLowerCase()) return true
  if (LOOPBACK_HOSTS.has(url.hostname)) return true
  return allowed.includes(url.origin)
}
