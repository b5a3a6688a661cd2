/**
 * Gathers items that arrive one by one (jobs handed out by the queue) into batches, so documents are coded
 * stage by stage and stored in one transaction each batch. Each `add` resolves or rejects with its own item's
 * result, only once the whole batch has been handled: for a queue job, after the batch's commit.
 */
export class Batcher<T, R> {
  private pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: Error) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly size: number,
    private readonly waitMs: number,
    /** Handles a batch; a result that is an Error rejects that item; a throw rejects them all. */
    private readonly handle: (items: T[]) => Promise<Array<R | Error>>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.size) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    });
  }

  /** Handles what is pending now, without waiting for the batch to fill. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.running++;
    void this.run(batch);
  }

  /** Nothing pending and no batch being handled. */
  get idle(): boolean {
    return this.pending.length === 0 && this.running === 0;
  }

  /** Resolves when idle (pending items are flushed first). */
  async settled(): Promise<void> {
    this.flush();
    if (this.idle) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(batch: Array<{ item: T; resolve: (r: R) => void; reject: (e: Error) => void }>): Promise<void> {
    try {
      const results = await this.handle(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const r = results[i];
        if (r instanceof Error) b.reject(r);
        else b.resolve(r);
      });
    } catch (error) {
      for (const b of batch) b.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.running--;
      if (this.idle) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }
}
