/**
 * Work the API does after answering: re-coding the stored stories that posted stories teach actor roles to.
 * Requests add what they learned; one pass at a time takes everything added since the last pass began, so under
 * a steady stream of posts there is at most one pass running and one gathering (not one queued per post, which
 * grew without bound and held the server's shutdown). A failing pass is reported and does not stop the next;
 * the server waits for the running and gathered passes before it closes the store.
 */
export class CoalescedPasses<T> {
  private gathered: T[] = [];
  private running: Promise<void> | null = null;
  /** Passes run so far (for tests and logs). */
  passes = 0;

  constructor(
    private readonly pass: (items: T[]) => Promise<unknown>,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Items waiting for the next pass. */
  get pending(): number {
    return this.gathered.length;
  }

  /** Adds items for the next pass, and starts it when none is running. */
  add(items: readonly T[]): void {
    if (items.length === 0) return;
    this.gathered.push(...items);
    this.running ??= this.loop();
  }

  private async loop(): Promise<void> {
    while (this.gathered.length > 0) {
      const batch = this.gathered;
      this.gathered = [];
      this.passes++;
      try {
        await this.pass(batch);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.running = null;
  }

  /** Resolves once every item added so far has been through a pass. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }
}
