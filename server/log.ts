/**
 * Structured logs: one JSON object per line. Never pass document content or tokens;
 * board ids are shortened with `boardTag` because a board link grants access.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Fields of one log line besides level and msg. */
export type LogFields = Record<string, string | number | boolean | null | undefined>

/** The logger every server part receives (no global logger). */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void
}

/** A logger writing JSON lines to `write` (stdout by default). */
export function createJsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return {
    log(level, msg, fields) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`)
    },
  }
}

/** A logger that drops everything (tests that do not inspect logs). */
export const silentLogger: Logger = { log() {} }

/** Short, non-secret tag for a board id in logs. */
export function boardTag(boardId: string): string {
  return boardId.slice(0, 6)
}

/** An error's message and name, without its data, for a log line. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, errorName: error.name }
  return { error: String(error) }
}
