/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `capacity` are held. A connection
 * spends one message token per frame and one byte token per byte; a frame that finds the
 * bucket short is over the limit.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Takes `amount` tokens if there are enough; returns false (taking none) otherwise. */
  take(amount: number): boolean {
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond)
    this.last = now
    if (amount > this.tokens) return false
    this.tokens -= amount
    return true
  }
}
