/**
 * Dot voting, as the session doc describes it. Dots themselves are held by the server (so
 * counts stay hidden and each person's limit is real); the doc carries only the vote's state
 * and, once the facilitator closes it, the results. These helpers read and display them.
 */
export type VotePhase = 'open' | 'closed'

export interface SessionVote {
  id: string
  /** The frame whose notes are voted on. */
  frameId: string
  dotsPerPerson: number
  state: VotePhase
  openedAt: number
  closedAt?: number
  /** noteId → dots; written by the server at close. */
  results?: Record<string, number>
}

/** One of this person's dots, as the votes API answers it. */
export interface Dot {
  id: string
  noteId: string
}

/** Most dots a facilitator may hand each person. */
export const MAX_DOTS_PER_PERSON = 20

/** Reads the vote from the session doc; anything malformed is no vote. */
export function parseVote(value: unknown): SessionVote | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || v.id === '' || typeof v.frameId !== 'string') return null
  if (typeof v.dotsPerPerson !== 'number' || !Number.isInteger(v.dotsPerPerson) || v.dotsPerPerson < 1) return null
  if (v.state !== 'open' && v.state !== 'closed') return null
  const vote: SessionVote = {
    id: v.id,
    frameId: v.frameId,
    dotsPerPerson: v.dotsPerPerson,
    state: v.state,
    openedAt: typeof v.openedAt === 'number' ? v.openedAt : 0,
  }
  if (typeof v.closedAt === 'number') vote.closedAt = v.closedAt
  if (typeof v.results === 'object' && v.results !== null) {
    const results: Record<string, number> = {}
    for (const [noteId, count] of Object.entries(v.results as Record<string, unknown>)) {
      if (typeof count === 'number' && Number.isFinite(count) && count >= 0) results[noteId] = count
    }
    vote.results = results
  }
  return vote
}

/** A new open vote on `frameId` (written by the facilitator's client). */
export function openVote(id: string, frameId: string, dotsPerPerson: number, serverNow: number): SessionVote {
  const dots = Math.min(Math.max(Math.round(dotsPerPerson), 1), MAX_DOTS_PER_PERSON)
  return { id, frameId, dotsPerPerson: dots, state: 'open', openedAt: serverNow }
}

/** How many dots this person may still place. */
export function dotsLeft(vote: Pick<SessionVote, 'dotsPerPerson'>, mine: readonly Dot[]): number {
  return Math.max(0, vote.dotsPerPerson - mine.length)
}

/** noteId → number of dots, from a list of dots. */
export function tallyDots(dots: readonly Pick<Dot, 'noteId'>[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const dot of dots) counts[dot.noteId] = (counts[dot.noteId] ?? 0) + 1
  return counts
}

/** Dots a note got in the closed vote's results (0 if absent). */
export function countFor(results: Readonly<Record<string, number>> | undefined, noteId: string): number {
  return results?.[noteId] ?? 0
}

/** Notes ranked by dots, most first; equal counts keep the given order. Notes without dots count 0. */
export function rankNotes(
  noteIds: readonly string[],
  results: Readonly<Record<string, number>> | undefined,
): { noteId: string; count: number }[] {
  return noteIds
    .map((noteId, order) => ({ noteId, count: countFor(results, noteId), order }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ noteId, count }) => ({ noteId, count }))
}

export interface SortLayoutOptions {
  /** Width available inside the frame. */
  width: number
  /** Distance from the frame's left and top edges (the top leaves room for its prompt). */
  left: number
  top: number
  gap: number
}

/**
 * "Sort by votes": positions (frame-relative) that put the ranked notes in reading order, in
 * rows as wide as the frame allows; a row is as tall as its tallest note.
 */
export function sortByVotesLayout(
  notes: readonly { id: string; w: number; h: number }[],
  results: Readonly<Record<string, number>> | undefined,
  options: SortLayoutOptions,
): { id: string; x: number; y: number }[] {
  const byId = new Map(notes.map((note) => [note.id, note]))
  const ranked = rankNotes(
    notes.map((note) => note.id),
    results,
  )
  const placed: { id: string; x: number; y: number }[] = []
  let x = options.left
  let y = options.top
  let rowHeight = 0
  for (const { noteId } of ranked) {
    const note = byId.get(noteId)
    if (!note) continue
    if (x > options.left && x + note.w > options.left + options.width) {
      x = options.left
      y += rowHeight + options.gap
      rowHeight = 0
    }
    placed.push({ id: note.id, x, y })
    x += note.w + options.gap
    rowHeight = Math.max(rowHeight, note.h)
  }
  return placed
}
