import { closeSync, fstatSync, fsync, fsyncSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

/** Flushes a write-ahead log to disk (WalSync; a fake in tests). */
export interface WalFlush {
  /** Calls `done` once everything written before the call is on disk, or with the error that kept it off. */
  sync(done: (error: Error | null) => void): void
  /** `sync` as a promise. */
  synced(): Promise<void>
  /** Flushes what is written, settles every waiting caller and stops; later calls fail. */
  close(): void
}

/**
 * Makes an SQLite write-ahead log durable off the event loop. The connection runs with
 * `synchronous = NORMAL`, so a commit only writes the WAL (into the OS page cache); `sync`
 * then fsyncs the WAL file on libuv's thread pool and calls back once everything
 * committed before the call is on disk. Calls made while an fsync runs share the next one
 * (group commit for the fsync itself), so a busy process pays one fsync per round, and the
 * event loop keeps reading, applying and relaying while the disk works.
 */
export class WalSync implements WalFlush {
  private fd: number | null = null
  private inode = -1
  /** Callers waiting for an fsync that has not started yet. */
  private waiting: Array<(error: Error | null) => void> = []
  private running = false
  private closed = false
  /** The timer of a round that is gathering callers. */
  private gathering: NodeJS.Timeout | null = null

  /**
   * `gatherMs`: how long a round waits for more callers before it starts. 0: at once (each
   * caller waits for the disk). More: fewer fsyncs (each wakes a thread-pool thread and
   * costs the disk a flush) for callers that do not wait on them.
   */
  constructor(
    private readonly walFile: string,
    private readonly gatherMs = 0,
  ) {}

  /** Calls `done` once everything written to the WAL before this call is on disk (or with the error that kept it off). */
  sync(done: (error: Error | null) => void): void {
    if (this.closed) return done(new Error('The SQLite adapter is closed; open a new one to store updates.'))
    this.waiting.push(done)
    this.nextRound()
  }

  /** `sync` as a promise. */
  synced(): Promise<void> {
    return new Promise((resolve, reject) => this.sync((error) => (error ? reject(error) : resolve())))
  }

  /**
   * Settles every caller synchronously (the file is flushed here, on the loop) and stops.
   * Call before closing the database: closing checkpoints and may delete the WAL file.
   */
  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.gathering) clearTimeout(this.gathering)
    this.gathering = null
    const waiting = this.waiting.splice(0)
    let error: Error | null = null
    try {
      const fd = this.currentFd()
      if (fd !== null) fsyncSync(fd)
    } catch (cause) {
      error = cause as Error
    }
    for (const done of waiting) done(error)
    // A round still running settles its own callers when its fsync returns, then closes the file.
    if (!this.running) this.closeFile()
  }

  private startRound(): void {
    const round = this.waiting.splice(0)
    let fd: number | null
    try {
      fd = this.currentFd()
    } catch (error) {
      for (const done of round) done(error as Error)
      return
    }
    // No WAL file yet: nothing has been written through it, so nothing is waiting on it.
    if (fd === null) {
      for (const done of round) done(null)
      return
    }
    this.running = true
    fsync(fd, (error) => {
      this.running = false
      for (const done of round) done(error)
      if (this.closed) this.closeFile()
      else this.nextRound()
    })
  }

  /** Starts a round for the waiting callers, now or after gathering, unless one is running or gathering. */
  private nextRound(): void {
    if (this.running || this.gathering || this.waiting.length === 0) return
    if (this.gatherMs === 0) return this.startRound()
    this.gathering = setTimeout(() => {
      this.gathering = null
      this.startRound()
    }, this.gatherMs)
  }

  /**
   * The open WAL file, reopened when SQLite has replaced it (a new inode: the file was
   * deleted when a connection closed and created again). The first time the file is opened
   * its directory is flushed too, so the file's name survives a power cut with its content.
   */
  private currentFd(): number | null {
    let inode: number
    try {
      inode = statSync(this.walFile).ino
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    if (this.fd !== null && inode === this.inode) return this.fd
    this.closeFile()
    this.fd = openSync(this.walFile, 'r')
    this.inode = fstatSync(this.fd).ino
    flushDirectory(dirname(this.walFile))
    return this.fd
  }

  private closeFile(): void {
    if (this.fd === null) return
    closeSync(this.fd)
    this.fd = null
    this.inode = -1
  }
}

function flushDirectory(directory: string): void {
  const fd = openSync(directory, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
