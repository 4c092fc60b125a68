import type { BoardDocKind, Role } from '../../shared/access/roles'
import { CloseCode } from '../../shared/closeCodes'
import { boardTag, errorFields, type LogFields, type Logger } from '../log'
import type { DocSource } from './docSource'
import { ProtocolError } from './protocol'
import type { StoredSize } from './storedSize'
import { judgeUpdateOn } from './updatePolicy'
import { scanUpdate } from './updateScan'

/** Thrown for an update the policy refuses: the socket is closed with 4403. */
class RefusedUpdate extends Error {}

/** Thrown for an update to a board at its size limit: the socket is closed with 4413. */
class DocumentFull extends Error {}

/** The room around a client's update. */
export interface UpdateGateContext {
  boardId: string
  kind: BoardDocKind
  source: DocSource
  size: StoredSize
  log: Logger
}

/**
 * Decides, before a client's update touches the doc, whether the room applies it: false
 * for nothing to apply (a handshake's empty step 2 while the stored bytes are held, or an
 * update the role may not make, dropped and logged); throws for an update the policy
 * refuses or one past the size limit (`refusalFor` says how the socket is closed). Only a
 * participant's board update needs the decoded doc (updatePolicy.ts).
 */
export function admitUpdate(context: UpdateGateContext, role: Role, update: Uint8Array): boolean {
  const { source, kind } = context
  // Empty changes nothing and is accepted from anyone: the stored bytes stay undecoded.
  if (source.holdsBytes && scanUpdate(update).empty) return false
  const verdict = judgeUpdateOn(kind, role, () => source.decoded(), update)
  if (verdict.action !== 'accept') {
    // No content, no token: the board tag, the role and why.
    context.log.log('warn', verdict.action === 'drop' ? 'update dropped' : 'update refused', {
      board: boardTag(context.boardId),
      doc: kind,
      role,
      why: verdict.why,
    })
    if (verdict.action === 'refuse') throw new RefusedUpdate(verdict.why)
    return false
  }
  const limit = context.size.limitPassedBy(update.byteLength)
  if (limit !== null) throw new DocumentFull(`the board reached its size limit of ${limit} bytes`)
  return true
}

/** How the room answers a frame that failed: the close code and reason, and a warn line unless logged already. */
export interface FrameRefusal {
  code: number
  reason: string
  warn: { msg: string; fields: LogFields } | null
}

/** The refusal for `error`, thrown while a client's frame was decoded or applied. */
export function refusalFor(error: unknown, context: UpdateGateContext): FrameRefusal {
  if (error instanceof RefusedUpdate) {
    return { code: CloseCode.forbidden, reason: `Refused: ${error.message}; only the facilitator may change it.`, warn: null }
  }
  const board = boardTag(context.boardId)
  if (error instanceof DocumentFull) {
    return {
      code: CloseCode.documentTooLarge,
      reason: `Refused: ${error.message}; make a copy of the board or remove content.`,
      warn: { msg: 'update refused: board too large', fields: { board, bytes: context.size.totalBytes, limit: context.size.limit } },
    }
  }
  const code = error instanceof ProtocolError ? error.closeCode : CloseCode.malformedMessage
  const reason = error instanceof ProtocolError ? error.message : 'The message could not be applied.'
  return { code, reason, warn: { msg: 'bad frame', fields: { board, code, ...errorFields(error) } } }
}
