import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the checkpointer looks for committed WAL frames to copy into the database file. */
export const CHECKPOINT_INTERVAL_MS = 500

// The worker's code: plain CommonJS run with `eval`, so it needs no TypeScript loader (the
// server runs under tsx, the tests under vitest). It opens its own connection to the file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ type: 'checkpointed', frames: result.checkpointed, walFrames: result.log })
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error && error.message || error) })
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearInterval(timer)
    db.close()
    parentPort.postMessage({ type: 'closed' })
  }
})
`

type FromWorker = { type: 'checkpointed'; frames: number; walFrames: number } | { type: 'failed'; message: string } | { type: 'closed' }

export interface WalCheckpointerOptions {
  intervalMs?: number
  /** The checkpointer could not checkpoint: the adapter goes back to SQLite's own checkpoints on its connection. */
  onFailure(message: string): void
  /** After each checkpoint: how many frames the WAL holds (copied or not). */
  onWalFrames?(frames: number): void
}

/**
 * Copies the write-ahead log into the database file on a worker thread with its own
 * connection (a PASSIVE checkpoint every CHECKPOINT_INTERVAL_MS; one with no new frames
 * does nothing). SQLite's automatic checkpoint runs inside the commit that crosses ~1,000
 * WAL pages and fsyncs the WAL and the file there, holding the event loop for milliseconds
 * to tens of milliseconds; the adapter turns it off (`wal_autocheckpoint = 0`) while this
 * runs. A passive checkpoint never blocks the writer; the writer starts the WAL over from
 * its beginning once everything in it was copied.
 */
export class WalCheckpointer {
  private readonly worker: Worker
  private closing: Promise<void> | null = null
  private exited = false
  private checkpointed = 0

  constructor(file: string, options: WalCheckpointerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
        intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      },
    })
    this.worker.unref()
    this.worker.once('exit', () => (this.exited = true))
    let failed = false
    const fail = (message: string) => {
      if (failed || this.closing) return
      failed = true
      options.onFailure(message)
      void this.worker.terminate()
    }
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'checkpointed') {
        this.checkpointed += message.frames
        options.onWalFrames?.(message.walFrames)
      }
      else if (message.type === 'failed') fail(message.message)
    })
    this.worker.on('error', (error) => fail(error.message))
  }

  /** Frames copied into the database file so far (summed over checkpoints; for tests). */
  get framesCheckpointed(): number {
    return this.checkpointed
  }

  /** Closes the worker's connection (before the adapter closes its own, so the last one to close cleans the WAL up). */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve()
      this.worker.once('exit', () => resolve())
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'closed') void this.worker.terminate()
      })
      this.worker.postMessage('close')
    })
    return this.closing
  }
}
