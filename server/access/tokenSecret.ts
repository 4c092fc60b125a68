import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MIN_SECRET_LENGTH } from '../config'

/** Where the generated secret is kept inside DATA_DIR. */
export function tokenSecretFileIn(dataDir: string): string {
  return join(dataDir, 'token-secret')
}

/**
 * The secret that signs link tokens: `configured` (TOKEN_SECRET) when given, otherwise the
 * one in DATA_DIR/token-secret, generated (256 random bits, mode 0600) on first start.
 * Keeping it on disk is what makes links survive a restart; losing it voids every link.
 */
export function loadTokenSecret(configured: string | null, dataDir: string): { secret: string; source: 'environment' | 'file' | 'generated' } {
  if (configured !== null) return { secret: configured, source: 'environment' }
  const file = tokenSecretFileIn(dataDir)
  mkdirSync(dataDir, { recursive: true })
  try {
    // 'wx': never overwrite a secret another process wrote a moment ago.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
    return { secret: readSecretFile(file), source: 'generated' }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`Could not create the token secret ${file} (${(error as Error).message}); make DATA_DIR writable or set TOKEN_SECRET.`)
    }
  }
  return { secret: readSecretFile(file), source: 'file' }
}

function readSecretFile(file: string): string {
  const secret = readFileSync(file, 'utf8').trim()
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${file} holds a secret of ${secret.length} characters; expected at least ${MIN_SECRET_LENGTH}. ` +
        'Delete the file to generate a new one (every existing link stops working) or set TOKEN_SECRET.',
    )
  }
  return secret
}

/** True when the secret file can be read by other users (worth a warning in the log). */
export function secretFileIsShared(dataDir: string): boolean {
  try {
    return (statSync(tokenSecretFileIn(dataDir)).mode & 0o077) !== 0
  } catch {
    return false
  }
}
