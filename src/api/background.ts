/**
 * Work the API does after answering, one task at a time, in arrival order: re-coding the stored stories that a
 * posted story teaches actor roles to. A failing task is reported and does not stop the ones after it; the
 * server waits for the queue to drain before it closes the store.
 */
export class BackgroundTasks {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly onError: (error: Error) => void) {}

  /** Tasks queued or running. */
  get pending(): number {
    return this.waiting;
  }

  /** Queues `task` after those already queued. */
  run(task: () => Promise<unknown>): void {
    this.waiting++;
    this.tail = this.tail
      .then(async () => {
        await task();
      })
      .catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        this.waiting--;
      });
  }

  /** Resolves once every task queued so far has finished. */
  drain(): Promise<void> {
    return this.tail;
  }
}
