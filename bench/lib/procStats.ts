import { readFileSync } from 'node:fs'

/** CPU time and memory of one process, read from /proc (Linux). */
export interface ProcSample {
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number
  /** Resident set size in bytes. */
  rssBytes: number
}

const CLOCK_TICKS = 100 // sysconf(_SC_CLK_TCK) on Linux x86-64 and arm64

/** Reads /proc/<pid>/stat and /status; throws a clear error when the process is gone. */
export function sampleProcess(pid: number): ProcSample {
  let stat: string
  let status: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch (error) {
    throw new Error(`Process ${pid} is not running (cannot read /proc/${pid}): ${(error as Error).message}`)
  }
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN')
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS, rssBytes: rssKb * 1024 }
}

/** Samples a process every `intervalMs`; stop() answers the CPU used since start and the peak RSS. */
export function watchProcess(pid: number, intervalMs = 200): { stop(): { cpuSeconds: number; peakRssBytes: number } } {
  const first = sampleProcess(pid)
  let last = first
  let peak = first.rssBytes
  const timer = setInterval(() => {
    try {
      last = sampleProcess(pid)
      peak = Math.max(peak, last.rssBytes)
    } catch {
      clearInterval(timer)
    }
  }, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      try {
        last = sampleProcess(pid)
        peak = Math.max(peak, last.rssBytes)
      } catch {
        // keep the last good sample
      }
      return { cpuSeconds: last.cpuSeconds - first.cpuSeconds, peakRssBytes: peak }
    },
  }
}
