/**
 * Runs tasks one after another, in the order they were added. A room pushes every
 * client message through one queue so an update is stored and relayed before the next
 * message is looked at, whether the storage backend answers synchronously or not.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  /** Adds a task; the returned promise settles with the task's result once it has run. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task)
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves when every task added so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined)
  }
}
