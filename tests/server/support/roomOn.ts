import { silentLogger } from '../../../server/log'
import type { PersistenceAdapter } from '../../../server/persistence/adapter'
import { BoardRoom, type BoardRoomOptions } from '../../../server/rooms/BoardRoom'

/** A board room on `persistence` for room tests: no compaction unless `extra` asks, silent log. */
export function roomOn(boardId: string, persistence: PersistenceAdapter, extra: Partial<BoardRoomOptions> = {}): BoardRoom {
  return new BoardRoom({
    boardId,
    kind: 'board',
    persistence,
    log: silentLogger,
    compactAfterUpdates: 1000,
    compactAfterBytes: 1 << 30,
    ...extra,
  })
}
