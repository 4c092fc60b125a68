import type { BoardDocKind } from '../../shared/access/roles'
import type { Logger } from '../log'
import type { PersistenceAdapter } from '../persistence/adapter'
import type { Replication } from '../scaleout/replication'
import type { BoardRoom } from './BoardRoom'

/** What a room needs from the server around it. */
export interface BoardRoomOptions {
  /** Storage key of the document (`docIdFor(board, kind)`). */
  boardId: string
  /** Which of the board's documents this room holds; decides who may write it. */
  kind: BoardDocKind
  persistence: PersistenceAdapter
  log: Logger
  compactAfterUpdates: number
  compactAfterBytes: number
  /**
   * A log past `compactAfterUpdates` is folded once no update has arrived for this long
   * (storedSize.ts: at once past ten times that or `compactAfterBytes`). Unset: at once.
   */
  compactQuietMs?: number
  /** Settles when an earlier room of the same board has finished unloading; load waits for it. */
  after?: Promise<void>
  /** The last connection left (the registry starts the unload timer). */
  onEmpty?: (room: BoardRoom) => void
  /** Storage failed; the room closed its sockets and must be forgotten. */
  onFailed?: (room: BoardRoom) => void
  /** Scale-out: shares the document with other instances (absent on a single server). */
  replication?: Replication
  /** Refuse client updates once the stored document (snapshot + log) is this big. */
  maxDocumentBytes?: number
  /**
   * Decode a board held as stored bytes right after someone who may edit it got it, not at
   * their first change (BoardRoom.decodeSoon). Default true; tests of the held-bytes paths
   * turn it off.
   */
  decodeWhenEditorJoins?: boolean
}
