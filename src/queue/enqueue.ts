/**
 * Putting documents on the queue. Each document is one job whose id is its content hash: a document whose
 * job is still in the queue (waiting, active, done or failed) is not queued again, and says so.
 */
import { Queue, type JobState } from 'bullmq';
import { connectionOptions, whenReady, type QueueTarget } from './connection.js';
import { DOCUMENT_JOB, jobOptions, type DocumentJob, type RetryPolicy } from './job.js';

export type EnqueueOutcome = { added: true } | { added: false; state: JobState };

/** The document queue as producers see it (enqueue, watch --queue). */
export class DocumentQueue {
  readonly queue: Queue<DocumentJob>;

  constructor(
    private readonly target: QueueTarget,
    private readonly retry: RetryPolicy,
    use: 'command' | 'service' = 'command',
  ) {
    this.queue = new Queue<DocumentJob>(target.name, { connection: connectionOptions(target, use) });
  }

  /** Resolves once Redis answers; rejects with an error naming the URL otherwise (and closes the queue). */
  async ready(): Promise<void> {
    await whenReady(this.queue, this.target);
  }

  /**
   * Queues jobs not yet in the queue (one round trip to look, one to add); the outcome of each, in order.
   * A job id twice in one call is added once: the second is reported as already waiting.
   */
  async add(jobs: readonly DocumentJob[]): Promise<EnqueueOutcome[]> {
    const states = await Promise.all(jobs.map((j) => this.queue.getJobState(j.provenance.contentHash)));
    const fresh = new Map<string, DocumentJob>();
    const outcomes: EnqueueOutcome[] = jobs.map((job, i) => {
      const id = job.provenance.contentHash;
      if (states[i] !== 'unknown') return { added: false, state: states[i] as JobState };
      if (fresh.has(id)) return { added: false, state: 'waiting' };
      fresh.set(id, job);
      return { added: true };
    });
    if (fresh.size > 0) await this.queue.addBulk([...fresh.values()].map((data) => ({ name: DOCUMENT_JOB, data, opts: jobOptions(data, this.retry) })));
    return outcomes;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
