import { execFileSync } from 'node:child_process'
import { cpus, totalmem } from 'node:os'

/** One line naming the machine the numbers come from. */
export function describeMachine(): string {
  let chromium = 'chromium: not found'
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // reported as not found
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  return `machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${chromium}`
}
