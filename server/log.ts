import pino from 'pino'

/**
 * Structured logs: one JSON object per line, written by pino. Never pass document content
 * or tokens; board ids are shortened with `boardTag` because a board link grants access.
 * Fields named like secrets are redacted anyway, in case one slips in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Every level, most verbose first (LOG_LEVEL accepts these). */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

/** Fields of one log line besides level and msg. */
export type LogFields = Record<string, string | number | boolean | null | undefined>

/** The logger every server part receives (no global logger). */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void
}

/** Where and how much a JSON logger writes. */
export interface JsonLoggerOptions {
  /** Lines below this level are dropped. Default `info`. */
  level?: LogLevel
  /** Receives each line, newline included. Default: stdout. */
  write?: (line: string) => void
}

const REDACTED_FIELDS = ['token', 'tokens', 'secret', 'password', 'authorization', 'content', 'update']

/**
 * A logger writing JSON lines: `{"level":"info","time":"<ISO 8601>","msg":...,...fields}`.
 * Written synchronously, so the last lines before an exit are not lost.
 */
export function createJsonLogger(options: JsonLoggerOptions | ((line: string) => void) = {}): Logger {
  const { level = 'info', write = (line: string) => void process.stdout.write(line) } =
    typeof options === 'function' ? { write: options } : options
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    },
    { write },
  )
  return {
    log(lineLevel, msg, fields) {
      // msg inside the object keeps it before the fields, where line-matching readers expect it.
      logger[lineLevel]({ msg, ...fields })
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
