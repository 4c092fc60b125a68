import { randomBytes } from 'node:crypto'
import type { PersistenceAdapter, VoteDot } from '../persistence/adapter'
import type { RoomRegistry } from '../rooms/RoomRegistry'
import { countDots, readSessionVote, writeClosedVote, type SessionVote } from './sessionVote'
import { resultRows, resultsCsv } from './resultsCsv'

/** A dot as a voter sees it (never whose the other dots are). */
export interface OwnDot {
  id: string
  noteId: string
}

/** The outcome of a vote call: a value, or an HTTP status with an error message for the person. */
export type VoteOutcome<T> = { ok: true; value: T } | { ok: false; status: 404 | 409; error: string }

function own(dots: VoteDot[]): OwnDot[] {
  return dots.map(({ id, noteId }) => ({ id, noteId }))
}

const NOT_OPEN = 'This vote is not open (it was closed or replaced); wait for the facilitator to open one.'

/**
 * Dot voting held by the server, so counts stay hidden until the vote closes and the
 * per-person limit is real. The vote itself (id, dots per person, open or closed) lives in
 * the board's session doc; placing and closing run inside the session room's queue, so a
 * dot can never slip in after the close.
 */
export class VoteService {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly persistence: PersistenceAdapter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Places one of `userId`'s dots on `noteId`; 409 when the vote is not open or the person has no dots left. */
  addDot(boardId: string, voteId: string, userId: string, noteId: string): Promise<VoteOutcome<OwnDot[]>> {
    return this.inSession(boardId, async (vote) => {
      if (vote?.id !== voteId || vote.state !== 'open') return { ok: false, status: 409, error: NOT_OPEN }
      const dot: VoteDot = { id: randomBytes(9).toString('base64url'), userId, noteId }
      if (!(await this.persistence.addVoteDot(boardId, voteId, dot, vote.dotsPerPerson))) {
        return { ok: false, status: 409, error: `You have used all ${vote.dotsPerPerson} of your dots; take one back to move it.` }
      }
      return { ok: true, value: own(await this.persistence.listVoteDots(boardId, voteId, userId)) }
    })
  }

  /** Takes back one of `userId`'s dots while the vote is open. */
  removeDot(boardId: string, voteId: string, userId: string, dotId: string): Promise<VoteOutcome<OwnDot[]>> {
    return this.inSession(boardId, async (vote) => {
      if (vote?.id !== voteId || vote.state !== 'open') return { ok: false, status: 409, error: NOT_OPEN }
      if (!(await this.persistence.removeVoteDot(boardId, voteId, userId, dotId))) {
        return { ok: false, status: 404, error: 'You have no such dot in this vote; reload your dots.' }
      }
      return { ok: true, value: own(await this.persistence.listVoteDots(boardId, voteId, userId)) }
    })
  }

  /** The dots `userId` placed in the vote. */
  async mine(boardId: string, voteId: string, userId: string): Promise<OwnDot[]> {
    return own(await this.persistence.listVoteDots(boardId, voteId, userId))
  }

  /**
   * Closes the open vote: counts its dots and writes `state: 'closed'`, `closedAt` and
   * `results` into the session doc (stored and relayed to everyone). Closing a closed vote
   * again answers it unchanged.
   */
  close(boardId: string, voteId: string): Promise<VoteOutcome<SessionVote>> {
    return this.registry.use(boardId, 'session', async (doc): Promise<VoteOutcome<SessionVote>> => {
      const vote = readSessionVote(doc)
      if (vote?.id !== voteId) return { ok: false, status: 404, error: 'This is not the current vote of the board; open a vote first.' }
      if (vote.state === 'closed') return { ok: true, value: vote }
      const results = countDots(await this.persistence.listVoteDots(boardId, voteId))
      writeClosedVote(doc, results, this.now())
      return { ok: true, value: readSessionVote(doc)! }
    })
  }

  /** The results as CSV with note texts from the board; 404 for a vote with no dots that is not the current one. */
  async resultsCsv(boardId: string, voteId: string): Promise<VoteOutcome<string>> {
    const vote = await this.registry.use(boardId, 'session', readSessionVote)
    const counts = countDots(await this.persistence.listVoteDots(boardId, voteId))
    const current = vote?.id === voteId ? vote : null
    if (!current && Object.keys(counts).length === 0) {
      return { ok: false, status: 404, error: 'No vote with this id on this board.' }
    }
    const rows = await this.registry.use(boardId, 'board', (doc) => resultRows(doc, counts, current?.frameId ?? null))
    return { ok: true, value: resultsCsv(rows) }
  }

  private inSession<T>(boardId: string, task: (vote: SessionVote | null) => Promise<VoteOutcome<T>>): Promise<VoteOutcome<T>> {
    return this.registry.use(boardId, 'session', (doc) => task(readSessionVote(doc)))
  }
}
