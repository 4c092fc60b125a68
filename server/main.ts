/**
 * Entry point: `node --import tsx server/main.ts`. Configuration comes from environment
 * variables (server/config.ts); logs are JSON lines on stdout.
 */
import { loadConfig } from './config'
import { startServer } from './app'
import { createJsonLogger, errorFields } from './log'

let log = createJsonLogger()

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    log.log('error', 'invalid configuration', errorFields(error))
    process.exit(2)
  }
  log = createJsonLogger({ level: config.logLevel })
  const server = await startServer({ ...config, log })
  log.log('info', 'listening', { port: server.port, host: config.host, url: server.url })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.log('info', 'stopping', { signal, timeoutMs: config.shutdownTimeoutMs })
    // A storage or broker that hangs must not keep a stopping server alive forever.
    setTimeout(() => {
      log.log('error', 'shutdown took too long; exiting', { timeoutMs: config.shutdownTimeoutMs })
      process.exit(1)
    }, config.shutdownTimeoutMs).unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.log('error', 'shutdown failed', errorFields(error))
        process.exit(1)
      },
    )
  }
  // Message handling catches its own errors; this is the last line of defence, so one
  // bad connection can never take every workshop on this server down with it.
  process.on('unhandledRejection', (reason) => log.log('error', 'unhandled rejection', errorFields(reason)))
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  log.log('error', 'server failed to start', errorFields(error))
  process.exit(1)
})
