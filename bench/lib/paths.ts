import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The repository root (bench/ lives directly inside it). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts)
}
