import { describe, expect, it } from 'vitest'
import { createJsonLogger } from '../../server/log'

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = []
  const log = createJsonLogger({ level, write: (line) => lines.push(line) })
  return { log, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines }
}

describe('JSON logs (pino)', () => {
  it('writes one JSON object per line with level name, ISO time, msg first and the fields', () => {
    const { log, lines, entries } = capture()
    log.log('info', 'listening', { port: 1234, host: '127.0.0.1' })
    expect(lines).toHaveLength(1)
    expect(lines[0]!.endsWith('\n')).toBe(true)
    expect(lines[0]).toMatch(/^\{"level":"info","time":"\d{4}-\d\d-\d\dT[^"]+Z","msg":"listening","port":1234/)
    expect(entries()[0]).toMatchObject({ level: 'info', msg: 'listening', port: 1234, host: '127.0.0.1' })
  })

  it('drops lines below LOG_LEVEL', () => {
    const { log, entries } = capture('warn')
    log.log('debug', 'a')
    log.log('info', 'b')
    log.log('warn', 'c')
    log.log('error', 'd')
    expect(entries().map((e) => e.msg)).toEqual(['c', 'd'])
    const verbose = capture('debug')
    verbose.log.log('debug', 'seen')
    expect(verbose.entries().map((e) => e.msg)).toEqual(['seen'])
  })

  it('never writes a token or document content, even when a caller passes one', () => {
    const { log, lines } = capture()
    log.log('warn', 'oops', { token: 'eyJzZWNyZXQ', content: '機密的便利貼', board: 'abc123' })
    expect(lines[0]).not.toContain('eyJzZWNyZXQ')
    expect(lines[0]).not.toContain('機密')
    expect(JSON.parse(lines[0]!)).toMatchObject({ token: '[redacted]', content: '[redacted]', board: 'abc123' })
  })
})
