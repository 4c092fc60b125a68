import type { ServerResponse } from 'node:http'

/**
 * The Content-Security-Policy of every page: scripts, styles, fonts and images only from
 * this server (everything is bundled, no CDN), websockets back to it, no framing.
 * tldraw sets inline style attributes and draws with data:/blob: images, and fetches some
 * bundled assets as data: URLs (connect-src data:, which cannot reach any other host).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data:",
  "worker-src 'self' blob:",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Sets the security headers every HTTP answer carries. A route may override one (the asset
 * routes set a stricter CSP for uploaded files) by setting it again.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  // Board links carry their token in the fragment, which browsers never send; no-referrer
  // also keeps board ids in paths from leaking to any other site.
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
}
