import { createHmac, timingSafeEqual } from 'node:crypto'
import { isValidBoardId } from '../../shared/boardId'
import { isRole, type Role } from '../../shared/access/roles'

/**
 * Link tokens: `v1.<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`. The payload names
 * the board, the role and the role's generation on that board; rotating a board's tokens
 * bumps the generation, so older links stop working without a list of revoked tokens.
 */
export interface TokenPayload {
  /** Board id. */
  b: string
  /** Role the link grants. */
  r: Role
  /** The role's generation on the board when the token was issued. */
  g: number
  /** Optional expiry, unix seconds. */
  exp?: number
}

const VERSION = 'v1'

/** Why a token string was not accepted as genuine. */
export type TokenFormatError = 'missing' | 'malformed' | 'bad-signature'

function mac(secret: string, signedPart: string): Buffer {
  return createHmac('sha256', secret).update(signedPart).digest()
}

/** Signs `payload` with `secret`. */
export function signToken(secret: string, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  const signed = `${VERSION}.${body}`
  return `${signed}.${mac(secret, signed).toString('base64url')}`
}

/**
 * Checks a token's form and signature (not yet its board, expiry or generation).
 * The signature is compared in constant time before the payload is even parsed.
 */
export function verifyToken(
  secret: string,
  token: string | null | undefined,
): { ok: true; payload: TokenPayload } | { ok: false; error: TokenFormatError } {
  if (token === null || token === undefined || token === '') return { ok: false, error: 'missing' }
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1]!) || !/^[A-Za-z0-9_-]+$/.test(parts[2]!)) {
    return { ok: false, error: 'malformed' }
  }
  const given = Buffer.from(parts[2]!, 'base64url')
  const expected = mac(secret, `${parts[0]}.${parts[1]}`)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, error: 'bad-signature' }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, error: 'malformed' }
  }
  const payload = asPayload(parsed)
  return payload ? { ok: true, payload } : { ok: false, error: 'malformed' }
}

function asPayload(value: unknown): TokenPayload | null {
  if (typeof value !== 'object' || value === null) return null
  const { b, r, g, exp } = value as Record<string, unknown>
  if (typeof b !== 'string' || !isValidBoardId(b) || !isRole(r)) return null
  if (typeof g !== 'number' || !Number.isSafeInteger(g) || g < 1) return null
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) return null
  return exp === undefined ? { b, r, g } : { b, r, g, exp }
}
