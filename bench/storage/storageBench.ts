import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { BoardRoom } from '../../server/rooms/BoardRoom'
import { silentLogger } from '../../server/log'
import { SqlitePersistence, sqliteFileIn } from '../../server/persistence/sqlite'
import { createYRecord, getRecordsMap, writeRecordChanges, type PlainRecord } from '../../client/src/sync/recordLayout'
import { noteRecord } from '../lib/boardRecords'
import { collectGarbage } from '../lib/gc'
import { spawnServer, type BoardAddress } from '../lib/servers'
import { BenchJoiner } from './benchJoiner'
import { fmt, kB } from '../lib/stats'
import { renderTable, summaryLine, type BenchResult, type TargetCheck } from '../lib/table'

export interface StorageBenchOptions {
  /** Stored updates before compaction (issue 8: 100,000). */
  updates?: number
  /** Notes on the board; the remaining updates move or re-word them. */
  notes?: number
}

export interface StorageData {
  updates: number
  encodedStateBytes: number
  roomLoadBeforeMs: number
  roomLoadAfterMs: number
  /** A first edit right after the load, until it is stored (a room that loads lazily decodes the board here). */
  firstEditBeforeMs: number
  firstEditAfterMs: number
  firstSyncBeforeMs: number
  firstSyncAfterMs: number
  fileBytesBefore: number
  fileBytesAfter: number
  /** File + WAL right after the room's compaction, the adapter still open (what a running server holds). */
  fileBytesAfterOpen: number
  /** Bytes of the pages SQLite still uses after compaction (file size minus its free list). */
  liveBytesAfter: number
}

/** A workshop's edit history: each note created, then moved and re-worded, one update per edit. */
function workshopHistory(total: number, noteCount: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  const records = getRecordsMap(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const current: PlainRecord[] = []
  const notes = Math.min(noteCount, total)
  for (let i = 0; i < notes; i++) {
    const note = noteRecord(`shape:n${i}`, (i % 40) * 220, Math.floor(i / 40) * 220, `便利貼 ${i}`)
    current.push(note)
    doc.transact(() => records.set(note.id, createYRecord(note)))
  }
  for (let e = 0; updates.length < total; e++) {
    const i = (e * 7919) % notes
    const prev = current[i]!
    // Four moves for every re-wording, as in a clustering session.
    const reworded = (noteRecord(prev.id, 0, 0, `便利貼 ${i} 改 ${e}`).props as Record<string, unknown>).richText
    const next: PlainRecord =
      e % 5 === 4
        ? { ...prev, props: { ...(prev.props as Record<string, unknown>), richText: reworded } }
        : { ...prev, x: (prev.x as number) + 3, y: (prev.y as number) + 1 }
    current[i] = next
    doc.transact(() => writeRecordChanges(records.get(prev.id)!, prev, next))
  }
  return { updates, doc }
}

function fileBytes(file: string): number {
  return [file, `${file}-wal`].filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0)
}

/** Appends through the adapter's own append; fsync is switched off for the setup only (100,000 fsyncs take minutes). */
function appendAll(persistence: SqlitePersistence, boardId: string, updates: readonly Uint8Array[]): void {
  const db = (persistence as unknown as { db?: { pragma(s: string): unknown } }).db
  db?.pragma('synchronous = OFF')
  for (const update of updates) persistence.appendUpdate(boardId, update)
  db?.pragma('synchronous = FULL')
}

interface TimedLoad {
  /** From creating the room until a joiner with nothing has the whole board (its sync step 2). */
  ms: number
  /** From a first edit until it is stored. */
  firstEditMs: number
  /** Records in the joiner's answer. */
  records: number
  room: BoardRoom
  persistence: SqlitePersistence
}

/** A note nobody else writes: applying it needs the board's doc, not only its bytes. */
function firstEdit(): Uint8Array {
  const doc = new Y.Doc()
  const note = noteRecord('shape:bench-first-edit', 0, 0, '第一個編輯')
  getRecordsMap(doc).set(note.id, createYRecord(note))
  return Y.encodeStateAsUpdate(doc)
}

/** How long a freshly opened adapter is left alone before a load is timed. */
const STORAGE_SETTLE_MS = 500

async function timeRoomLoad(dataDir: string, boardId: string): Promise<TimedLoad> {
  const persistence = new SqlitePersistence(sqliteFileIn(dataDir))
  // A server opens its storage at start-up, long before a board loads: let the adapter's
  // checkpointer thread (walCheckpointer.ts) finish starting, or its start is timed too.
  await new Promise((resolve) => setTimeout(resolve, STORAGE_SETTLE_MS))
  const edit = firstEdit()
  collectGarbage()
  const started = performance.now()
  const room = new BoardRoom({
    boardId,
    kind: 'board',
    persistence,
    log: silentLogger,
    compactAfterUpdates: Number.MAX_SAFE_INTEGER,
    compactAfterBytes: Number.MAX_SAFE_INTEGER,
  } as ConstructorParameters<typeof BoardRoom>[0])
  const joiner = new BenchJoiner(room)
  const answer = await joiner.answered
  const ms = performance.now() - started
  const editStarted = performance.now()
  joiner.sendUpdate(edit)
  await room.idle()
  const firstEditMs = performance.now() - editStarted
  joiner.leave()
  const received = new Y.Doc()
  Y.applyUpdate(received, answer)
  return { ms, firstEditMs, records: getRecordsMap(received).size, room, persistence }
}

/** Time from opening the websocket to the official client's first `sync`, against our server process. */
async function timeFirstSync(dataDir: string, address: BoardAddress): Promise<number> {
  const boardId = address.room
  const server = await spawnServer('ours', { dataDir })
  try {
    const serverUrl = `ws://127.0.0.1:${server.port}/ws`
    const doc = new Y.Doc()
    const started = performance.now()
    const provider = new WebsocketProvider(serverUrl, boardId, doc, { WebSocketPolyfill: WebSocket as never, params: address.params, disableBc: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No first sync from our server within 10 min (board ${boardId.slice(0, 6)}…)`)), 600_000)
      provider.once('sync', () => {
        clearTimeout(timer)
        resolve()
      })
      provider.on('connection-close', (event: { code?: number; reason?: string } | null) => {
        if (event && event.code !== undefined && event.code >= 4400 && event.code < 4500) {
          clearTimeout(timer)
          reject(new Error(`Our server refused the bench client: ${event.code} ${event.reason ?? ''}`))
        }
      })
    })
    const ms = performance.now() - started
    provider.destroy()
    doc.destroy()
    return ms
  } finally {
    // SIGTERM: the server compacts every loaded board before it exits.
    await server.stop({ keepData: true })
  }
}

/** Server storage (issue 8, benchmark 4): load time before and after compaction, on-disk size vs encoded state. */
export async function runStorageBench(options: StorageBenchOptions = {}): Promise<BenchResult<StorageData>> {
  const total = options.updates ?? 100_000
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-storage-'))
  try {
    const boardId = 'benchStorageBoard0001'
    const { updates, doc } = workshopHistory(total, options.notes ?? 1000)
    const encodedStateBytes = Y.encodeStateAsUpdate(doc).byteLength
    const setup = new SqlitePersistence(sqliteFileIn(dataDir))
    appendAll(setup, boardId, updates)
    await setup.close()
    const file = sqliteFileIn(dataDir)
    const fileBytesBefore = fileBytes(file)

    const before = await timeRoomLoad(dataDir, boardId)
    const expectedRecords = Math.min(options.notes ?? 1000, total)
    if (before.records !== expectedRecords) throw new Error(`The joiner got ${before.records} records, expected every note`)
    // Compacts (the server does this on unload and shutdown) and forgets the board.
    await before.room.shutdown()
    const fileBytesAfterOpen = fileBytes(file)
    await before.persistence.close()
    const after = await timeRoomLoad(dataDir, boardId)
    // The answer served from the compacted snapshot holds the whole board too, with the first edit before compaction.
    if (after.records !== expectedRecords + 1) throw new Error(`After compaction the joiner got ${after.records} records, expected every note`)
    await after.room.shutdown()
    await after.persistence.close()

    // The same through a server process and the official client; "before" on a fresh copy of the log.
    // The board is created through the API (it may hand out the token the websocket needs).
    const e2eDir = mkdtempSync(join(tmpdir(), 'bench-storage-e2e-'))
    const creator = await spawnServer('ours', { dataDir: e2eDir })
    const address = await creator.createBoard()
    await creator.stop({ keepData: true })
    const e2e = new SqlitePersistence(sqliteFileIn(e2eDir))
    appendAll(e2e, address.room, updates)
    await e2e.close()
    const firstSyncBeforeMs = await timeFirstSync(e2eDir, address)
    const firstSyncAfterMs = await timeFirstSync(e2eDir, address)
    rmSync(e2eDir, { recursive: true, force: true })

    const inspect = new SqlitePersistence(file)
    const db = (inspect as unknown as { db?: { pragma(s: string, o?: object): unknown } }).db
    db?.pragma('wal_checkpoint(TRUNCATE)')
    const fileBytesAfter = fileBytes(file)
    const pageSize = Number(db?.pragma('page_size', { simple: true }) ?? 0)
    const freePages = Number(db?.pragma('freelist_count', { simple: true }) ?? 0)
    const liveBytesAfter = fileBytesAfter - pageSize * freePages
    await inspect.close()

    const data: StorageData = {
      updates: updates.length,
      encodedStateBytes,
      roomLoadBeforeMs: before.ms,
      roomLoadAfterMs: after.ms,
      firstEditBeforeMs: before.firstEditMs,
      firstEditAfterMs: after.firstEditMs,
      firstSyncBeforeMs,
      firstSyncAfterMs,
      fileBytesBefore,
      fileBytesAfter,
      fileBytesAfterOpen,
      liveBytesAfter,
    }
    const rows = [
      ['measure', 'before compaction', 'after compaction'],
      [`room load (${data.updates} updates) → joiner's sync step 2 ms`, fmt(data.roomLoadBeforeMs, 0), fmt(data.roomLoadAfterMs, 1)],
      ['  then a first edit, until stored ms', fmt(data.firstEditBeforeMs, 1), fmt(data.firstEditAfterMs, 1)],
      ['server process: connect → first sync ms', fmt(data.firstSyncBeforeMs, 0), fmt(data.firstSyncAfterMs, 1)],
      ['SQLite file (+WAL)', kB(data.fileBytesBefore), kB(data.fileBytesAfter)],
      ['  right after compaction, still open', '', kB(data.fileBytesAfterOpen)],
      ['  of which pages in use', '', kB(data.liveBytesAfter)],
      ['encodeStateAsUpdate', kB(data.encodedStateBytes), kB(data.encodedStateBytes)],
    ]
    const checks: TargetCheck[] = [
      { target: 'load <200 ms after compaction', actual: `${fmt(data.roomLoadAfterMs, 1)} ms`, pass: data.roomLoadAfterMs < 200 },
      { target: 'on-disk ≤1.5× encoded state', actual: `${(Math.max(data.fileBytesAfter, data.fileBytesAfterOpen) / data.encodedStateBytes).toFixed(2)}×`, pass: Math.max(data.fileBytesAfter, data.fileBytesAfterOpen) <= 1.5 * data.encodedStateBytes },
    ]
    return {
      name: 'storage',
      table: renderTable(rows),
      summary: summaryLine('storage', `${data.updates} updates: load ${fmt(data.roomLoadBeforeMs, 0)} ms → ${fmt(data.roomLoadAfterMs, 1)} ms`, checks),
      checks,
      data,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
