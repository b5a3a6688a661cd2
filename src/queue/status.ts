/** What is in the queue: job counts, workers, failed jobs with their errors; failed jobs put back. */
import { Queue } from 'bullmq';
import { connectionOptions, whenReady, type QueueTarget } from './connection.js';
import type { DocumentJob } from './job.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  /** Workers connected to the queue now (null when the server does not say: CLIENT LIST refused). */
  workers: number | null;
}

export interface FailedJob {
  /** The job id: the document's content hash. */
  id: string;
  origin: string | null;
  /** Attempts made, of those allowed. */
  attemptsMade: number;
  attempts: number;
  error: string;
  /** When it failed for the last time (ISO 8601). */
  failedAt: string | null;
}

/** Opens the queue for inspection (fails within seconds when Redis cannot be reached). */
export async function inspectQueue(target: QueueTarget): Promise<Queue<DocumentJob>> {
  const queue = new Queue<DocumentJob>(target.name, { connection: connectionOptions(target, 'command') });
  await whenReady(queue, target);
  return queue;
}

export async function queueCounts(queue: Queue<DocumentJob>): Promise<QueueCounts> {
  const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed');
  let workers: number | null = null;
  try {
    workers = await queue.getWorkersCount();
  } catch {
    // CLIENT LIST may be disabled on managed Redis services
  }
  return { waiting: c.waiting + c.prioritized, active: c.active, completed: c.completed, failed: c.failed, delayed: c.delayed, workers };
}

/** Failed jobs, most recent first, with the error of their last attempt. */
export async function failedJobs(queue: Queue<DocumentJob>, limit: number): Promise<FailedJob[]> {
  const jobs = await queue.getFailed(0, limit - 1);
  return jobs.map((job) => ({
    id: String(job.id),
    origin: (job.data as Partial<DocumentJob> | undefined)?.provenance?.origin ?? null,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    error: job.failedReason ?? '',
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  }));
}

/** Puts every failed job back in the queue with its attempts reset; returns how many. */
export async function retryFailed(queue: Queue<DocumentJob>): Promise<number> {
  const n = (await queue.getJobCounts('failed')).failed;
  if (n > 0) await queue.retryJobs({ state: 'failed', count: 1000 });
  return n;
}
