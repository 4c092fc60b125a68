import type { LocalUser } from '../state/userSlice'
import { readJson, type KeyValueStorage } from './storage'

const USER_KEY = 'civic-canvas:user'

/** Longest display name we accept; long names crowd cursors and the people menu. */
export const MAX_NAME_LENGTH = 40

/**
 * Cursor colours: distinct, readable with white text, and not tldraw's red/green that people
 * read as error/success.
 */
export const USER_COLORS: readonly string[] = [
  '#1f77b4',
  '#d9480f',
  '#5f3dc4',
  '#0b7285',
  '#c2255c',
  '#2b8a3e',
  '#e67700',
  '#364fc7',
  '#862e9c',
  '#087f5b',
  '#a61e4d',
  '#5c940d',
]

/** Picks a palette colour from the user id, so the same person keeps one colour everywhere. */
export function colorForId(id: string): string {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return USER_COLORS[hash % USER_COLORS.length] ?? '#1f77b4'
}

/** Trims and collapses whitespace; answers null when nothing usable (empty or too long) is left. */
export function normalizeName(input: string): string | null {
  const name = input.replace(/\s+/g, ' ').trim()
  if (name.length === 0 || [...name].length > MAX_NAME_LENGTH) return null
  return name
}

/** True until the person has told us what to call them. */
export function needsName(user: LocalUser | null): boolean {
  return user === null || user.name.trim() === ''
}

function parseStoredUser(value: unknown): LocalUser | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, name, color } = value as Record<string, unknown>
  if (typeof id !== 'string' || id === '') return null
  return {
    id,
    name: typeof name === 'string' ? name : '',
    color: typeof color === 'string' && color !== '' ? color : colorForId(id),
  }
}

/**
 * The person at this browser: read from storage, or created (new random id, palette colour,
 * no name yet) and stored. The id must stay stable: tldraw keys presence and follow on it.
 */
export function loadOrCreateUser(
  storage: KeyValueStorage,
  newId: () => string = () => crypto.randomUUID(),
): LocalUser {
  const stored = parseStoredUser(readJson(storage, USER_KEY))
  if (stored) return stored
  const id = newId()
  const user: LocalUser = { id, name: '', color: colorForId(id) }
  saveUser(storage, user)
  return user
}

/** Remembers the user (id, name, colour) on this device. */
export function saveUser(storage: KeyValueStorage, user: LocalUser): void {
  storage.setItem(USER_KEY, JSON.stringify(user))
}
