import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signToken, verifyToken, type TokenPayload } from '../../server/access/tokens'

const SECRET = 'x'.repeat(40)
const BOARD = 'AbCdEfGhIjKlMnOpQrStUv'
const payload: TokenPayload = { b: BOARD, r: 'participant', g: 3 }

/** A token signed correctly over an arbitrary payload (to test payload validation past the signature). */
function signedRaw(json: string, secret = SECRET): string {
  const signed = `v1.${Buffer.from(json).toString('base64url')}`
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`
}

describe('link tokens', () => {
  it('round-trips a payload, with and without expiry', () => {
    const token = signToken(SECRET, payload)
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(verifyToken(SECRET, token)).toEqual({ ok: true, payload })
    const expiring = { ...payload, exp: 1_900_000_000 }
    expect(verifyToken(SECRET, signToken(SECRET, expiring))).toEqual({ ok: true, payload: expiring })
  })

  const good = signToken(SECRET, payload)
  const [, body, mac] = good.split('.') as [string, string, string]
  const flipped = `${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`
  const otherRole = Buffer.from(JSON.stringify({ ...payload, r: 'facilitator' })).toString('base64url')

  it.each([
    ['no token', undefined, 'missing'],
    ['an empty token', '', 'missing'],
    ['two parts', `v1.${body}`, 'malformed'],
    ['four parts', `${good}.x`, 'malformed'],
    ['another version', `v2.${body}.${mac}`, 'malformed'],
    ['a character outside base64url', `v1.${body}.${mac.slice(0, -1)}=`, 'malformed'],
    ['a flipped signature character', `v1.${body}.${flipped}`, 'bad-signature'],
    ['a truncated signature', `v1.${body}.${mac.slice(0, 20)}`, 'bad-signature'],
    ['a payload changed to facilitator', `v1.${otherRole}.${mac}`, 'bad-signature'],
    ['another secret', signToken('y'.repeat(40), payload), 'bad-signature'],
    ['signed JSON that is not an object', signedRaw('"hello"'), 'malformed'],
    ['signed invalid JSON', signedRaw('{nope'), 'malformed'],
    ['an unknown role', signedRaw(JSON.stringify({ b: BOARD, r: 'admin', g: 1 })), 'malformed'],
    ['a bad board id', signedRaw(JSON.stringify({ b: '../etc', r: 'viewer', g: 1 })), 'malformed'],
    ['generation 0', signedRaw(JSON.stringify({ b: BOARD, r: 'viewer', g: 0 })), 'malformed'],
    ['a fractional generation', signedRaw(JSON.stringify({ b: BOARD, r: 'viewer', g: 1.5 })), 'malformed'],
    ['a string expiry', signedRaw(JSON.stringify({ b: BOARD, r: 'viewer', g: 1, exp: 'soon' })), 'malformed'],
  ])('refuses %s as %s', (_name, token, error) => {
    expect(verifyToken(SECRET, token)).toEqual({ ok: false, error })
  })
})
