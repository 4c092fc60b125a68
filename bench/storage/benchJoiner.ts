import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { BoardRoom } from '../../server/rooms/BoardRoom'
import type { BoardConnection, BoardSocket } from '../../server/rooms/boardSocket'
import { encodeSyncStep1, encodeSyncUpdate, MessageType, SyncMessageType } from '../../server/rooms/protocol'

/**
 * A joiner with an empty doc, in process: sends sync step 1 at once, as the official
 * client does when its socket opens, and resolves `answered` with the room's sync step 2
 * (the whole board). Room load is timed to that answer, not to the room's own idea of
 * "loaded": a room that defers work past its load still pays it before this resolves.
 */
export class BenchJoiner implements BoardSocket {
  readonly answered: Promise<Uint8Array>
  private resolveAnswer!: (update: Uint8Array) => void
  private rejectAnswer!: (error: Error) => void
  private readonly connection: BoardConnection

  constructor(room: BoardRoom) {
    this.answered = new Promise((resolve, reject) => {
      this.resolveAnswer = resolve
      this.rejectAnswer = reject
    })
    this.connection = room.connect(this, { role: 'facilitator', generation: 1 })
    this.connection.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
  }

  /** Sends an update the way a client's edit arrives. */
  sendUpdate(update: Uint8Array): void {
    this.connection.receive(encodeSyncUpdate(update))
  }

  leave(): void {
    this.connection.disconnect()
  }

  send(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    if (decoding.readVarUint(decoder) === SyncMessageType.step2) this.resolveAnswer(decoding.readVarUint8Array(decoder))
  }

  close(code: number, reason: string): void {
    this.rejectAnswer(new Error(`The room closed the bench joiner: ${code} ${reason}`))
  }
}
