import * as bc from 'lib0/broadcastchannel'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'

/** y-websocket's message types (its `messageSync`, `messageAwareness`, `messageQueryAwareness`). */
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Whether a cross-tab message is a sync step 2: another tab's answer to this one's state vector. */
function isSyncStep2(data: ArrayBuffer | Uint8Array): boolean {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
  return bytes[0] === MESSAGE_SYNC && bytes[1] === syncProtocol.messageYjsSyncStep2
}

/**
 * Cross-tab sync (y-websocket's BroadcastChannel) that encodes the whole board only when
 * another tab of it is open. y-websocket's `connectBc` sends every other tab the whole doc as
 * a sync step 2 each time it connects, the first time and after every websocket reconnect:
 * ~40–55 ms of the main thread for 1,000 shapes (traced, docs/performance.md), several times
 * that for 5,000, paid in the seconds after the board is shown, and in the usual case, one
 * tab, heard by nobody. Here `connectBc` sends what it always sent except that step 2 (its
 * state vector, an awareness query and this tab's awareness), and the whole doc goes out
 * when another tab answers that state vector: a tab already open sends what this one lacks
 * and gets this one's whole doc back; a tab that opens later sends its state vector and
 * gets what it lacks, as before. Updates made while connected go to the other tabs as
 * they did. Call once, right after creating the provider.
 */
export function shareWholeBoardWithListeningTabsOnly(provider: WebsocketProvider): void {
  const answer = provider._bcSubscriber
  /** The whole doc went to the other tabs since this tab (re)connected. */
  let shared = false

  provider._bcSubscriber = (data, origin) => {
    if (origin !== provider && !shared && isSyncStep2(data)) {
      shared = true
      bc.publish(
        provider.bcChannel,
        message((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_SYNC)
          syncProtocol.writeSyncStep2(encoder, provider.doc)
        }),
        provider,
      )
    }
    answer(data, origin)
  }

  provider.connectBc = () => {
    if (provider.disableBc) return
    if (!provider.bcconnected) {
      bc.subscribe(provider.bcChannel, provider._bcSubscriber)
      provider.bcconnected = true
    }
    shared = false
    const publish = (data: Uint8Array) => bc.publish(provider.bcChannel, data, provider)
    publish(
      message((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        syncProtocol.writeSyncStep1(encoder, provider.doc)
      }),
    )
    publish(message((encoder) => encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS)))
    publish(
      message((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(provider.awareness, [provider.doc.clientID]))
      }),
    )
  }
}
