/**
 * Which update seqs of one document a room's Y.Doc already holds. Several instances append
 * to one document, so seqs arrive out of order over pub/sub; `through` is the highest seq
 * with every seq up to it applied. Compaction folds only through `through`: a snapshot must
 * never claim a seq whose update this instance has not seen yet.
 */
export class AppliedSeqs {
  private upTo = 0
  /** Applied seqs above `through` (waiting for the ones before them). */
  private readonly ahead = new Set<number>()

  /** Every seq up to here is in the doc. */
  get through(): number {
    return this.upTo
  }

  /** True when some seq below an applied one is still missing. */
  get hasGap(): boolean {
    return this.ahead.size > 0
  }

  /** True when `seq` is already in the doc. */
  has(seq: number): boolean {
    return seq <= this.upTo || this.ahead.has(seq)
  }

  /** Records an applied seq and advances `through` over any run it completes. */
  add(seq: number): void {
    if (this.has(seq)) return
    if (seq === this.upTo + 1) this.upTo = seq
    else this.ahead.add(seq)
    this.advance()
  }

  /** Everything up to `seq` is in the doc (a load or a snapshot read from storage). */
  coverThrough(seq: number): void {
    if (seq <= this.upTo) return
    this.upTo = seq
    for (const s of this.ahead) if (s <= seq) this.ahead.delete(s)
    this.advance()
  }

  private advance(): void {
    while (this.ahead.delete(this.upTo + 1)) this.upTo += 1
  }
}
