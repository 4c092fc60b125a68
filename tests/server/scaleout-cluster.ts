import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { onTestFinished } from 'vitest'
import type * as Y from 'yjs'
import { spawnServer, type ServerProcess } from './support/serverProcess'

/** The PostgreSQL and Redis this machine and CI run for the scale-out tests. */
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Several real server processes sharing one PostgreSQL schema and one Redis channel prefix. */
export interface Cluster {
  env: Record<string, string>
  schema: string
  instances: ServerProcess[]
  /** Starts one more instance on the same schema and channels. */
  spawn(): Promise<ServerProcess>
  /** Runs SQL against the test schema's database. */
  query<T extends pg.QueryResultRow>(sql: string): Promise<T[]>
}

/**
 * Starts `count` instances (`node --import tsx server/main.ts`, PORT=0) in scale-out mode,
 * each with its own DATA_DIR, on a fresh schema `cc_test_<random>` and channel prefix.
 * When the test ends every instance is killed and the schema dropped. `extraEnv` adds
 * or overrides variables.
 */
export async function startCluster(count: number, extraEnv: Record<string, string> = {}): Promise<Cluster> {
  const id = randomBytes(5).toString('hex')
  const schema = `cc_test_${id}`
  const env = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    REDIS_CHANNEL_PREFIX: `cc-test-${id}:`,
    // Every instance must sign and check links with the same secret.
    TOKEN_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'info',
    ...extraEnv,
  }
  const dirs: string[] = []
  const instances: ServerProcess[] = []
  const db = new pg.Client({ connectionString: DATABASE_URL })
  await db.connect()
  onTestFinished(async () => {
    await Promise.all(instances.map((instance) => instance.stop('SIGKILL')))
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await db.end()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  const spawn = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-canvas-scaleout-'))
    dirs.push(dir)
    const instance = await spawnServer(dir, env)
    instances.push(instance)
    return instance
  }
  // One after another: the first creates the schema, the rest find it.
  for (let i = 0; i < count; i++) await spawn()
  return {
    env,
    schema,
    instances,
    spawn,
    async query<T extends pg.QueryResultRow>(sql: string) {
      return (await db.query<T>(sql)).rows
    },
  }
}

/** http://127.0.0.1:<port> of an instance. */
export function httpUrl(instance: ServerProcess): string {
  return `http://127.0.0.1:${instance.port}`
}

/** The notes map of a client doc as plain JSON. */
export function notesOf(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('notes').toJSON()
}

function redisAnswers(): boolean {
  try {
    return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping'], { encoding: 'utf8', timeout: 2000 }).trim() === 'PONG'
  } catch {
    return false
  }
}

/** Stops the machine's Redis (no save); `startRedis` brings it back. */
export function stopRedis(): void {
  execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'shutdown', 'nosave'], { timeout: 5000, stdio: 'ignore' })
}

/** Starts the machine's Redis the way CI does, unless it already answers; waits until it does. */
export async function startRedis(): Promise<void> {
  if (redisAnswers()) return
  execFileSync(
    'redis-server',
    ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log'],
    { timeout: 5000, stdio: 'ignore' },
  )
  const deadline = Date.now() + 5000
  while (!redisAnswers()) {
    if (Date.now() > deadline) throw new Error('Redis did not come back within 5 s; start it by hand (see docs/scale-out.md).')
    await new Promise((r) => setTimeout(r, 50))
  }
}
