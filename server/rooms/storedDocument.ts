import * as Y from 'yjs'
import { boardTag, errorFields, type Logger } from '../log'
import { lastSeqOf, type PersistenceAdapter } from '../persistence/adapter'
import { AppliedSeqs } from '../scaleout/appliedSeqs'
import { DocSource } from './docSource'
import { StoredSize, type StoredSizeLimits } from './storedSize'

/** What a stored document needs to load and compact itself. */
export interface StoredDocumentOptions extends StoredSizeLimits {
  /** Storage key of the document (`docIdFor(board, kind)`). */
  boardId: string
  persistence: PersistenceAdapter
  log: Logger
}

/**
 * One room's document as storage holds it: its content (bytes until decoded, docSource.ts),
 * which stored seqs it holds, and the size of its snapshot and log. Loads it and folds its
 * log into a snapshot; the room decides when (inside its queue, after everything applied
 * is stored).
 */
export class StoredDocument {
  readonly source: DocSource
  /** The stored seqs the doc holds: everything through `applied.through` is safe to compact. */
  readonly applied = new AppliedSeqs()
  readonly size: StoredSize

  constructor(
    doc: Y.Doc,
    private readonly options: StoredDocumentOptions,
  ) {
    this.source = new DocSource(doc)
    this.size = new StoredSize(options)
  }

  /** Reads the snapshot and the log after it; held as bytes: joiners are served from them (docSource.ts). */
  async load(): Promise<void> {
    const board = await this.options.persistence.load(this.options.boardId)
    const log = board.updates.map((update) => update.data)
    this.source.hold(board.snapshot, log)
    this.applied.coverThrough(lastSeqOf(board))
    this.size.loaded(board.snapshot?.byteLength ?? 0, log.map((update) => update.byteLength))
  }

  /**
   * Folds the log into a snapshot of the decoded doc (decoding held bytes), through
   * `applied.through`: the doc holds everything stored through it (and perhaps more from
   * other instances, which is harmless). No log, nothing to fold: held bytes stay undecoded.
   * A failure is logged; the log is intact (one transaction) and is folded after more growth.
   */
  async compact(reason: string): Promise<void> {
    if (this.size.logUpdates === 0) return
    this.size.compactionStarted()
    const { boardId, persistence, log } = this.options
    const started = Date.now()
    try {
      const snapshot = Y.encodeStateAsUpdate(this.source.decoded())
      await persistence.compact(boardId, snapshot, this.applied.through)
      log.log('info', 'board compacted', {
        board: boardTag(boardId),
        reason,
        updates: this.size.logUpdates,
        bytes: this.size.totalBytes,
        ms: Date.now() - started,
      })
      this.size.compacted(snapshot.byteLength)
    } catch (error) {
      log.log('warn', 'compaction failed', { board: boardTag(boardId), reason, ...errorFields(error) })
    }
  }
}
