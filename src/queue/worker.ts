/**
 * A queue worker: takes document jobs, codes them in batches and stores each batch in one transaction. A job
 * is acknowledged (BullMQ moves it to completed when its processor returns) only after that commit; a worker
 * that dies before leaves its jobs locked until the lock expires, and another worker's stalled-job check puts
 * them back in the queue. A document already stored (same content hash or URL) is not coded or stored again,
 * so a retried, recovered or duplicated job never duplicates data.
 */
import { hostname } from 'node:os';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { CodedDocument } from '../core/contract.js';
import type { ActorMemory } from '../knowledge/actors/memory.js';
import type { CoderVersion, Store } from '../store/store.js';
import type { BatchCoder } from '../cli/documents.js';
import type { Log } from '../watch/state.js';
import { Batcher } from './batcher.js';
import { connectionOptions, type QueueTarget } from './connection.js';
import { codeOptionsOf, type DocumentJob, type DocumentJobResult } from './job.js';

export interface WorkerSettings {
  target: QueueTarget;
  /** Jobs coded together and stored in one transaction. */
  batchSize: number;
  /** How long a job stays locked without renewal: a dead worker's jobs go back to the queue after about this long. */
  lockMs: number;
  /** Stop (as on SIGTERM) once nothing is waiting, delayed or active in the queue. */
  untilEmpty: boolean;
  /** How long a batch waits to fill before it is coded anyway. */
  batchWaitMs?: number;
}

export interface WorkerContext {
  store: Store;
  /** In this thread, or a pool of threads (`parallel` batches at once). */
  coder: BatchCoder;
  /** The actor memory of the in-thread coder: taught by the documents this worker stores, as `ingest` is. */
  memory?: ActorMemory;
  coderVersion?: CoderVersion;
  log: Log;
  /** Aborted on SIGTERM/SIGINT: jobs in hand are finished and acknowledged, no new job is taken. */
  signal: AbortSignal;
}

export interface WorkerCounts {
  jobs: number;
  stored: number;
  duplicates: number;
  events: number;
  /** Job attempts that failed (retried later, or failed for good). */
  failures: number;
  /** Jobs of dead workers this worker put back in the queue. */
  recovered: number;
}

/** A stalled-job check is made this often at most, so a dead worker's jobs are not left for long. */
const MAX_STALLED_INTERVAL_MS = 30_000;
const EMPTY_POLL_MS = 500;

export async function runWorker(ctx: WorkerContext, settings: WorkerSettings): Promise<WorkerCounts> {
  const counts: WorkerCounts = { jobs: 0, stored: 0, duplicates: 0, events: 0, failures: 0, recovered: 0 };
  const { target } = settings;
  if (ctx.signal.aborted) {
    // Stopped while loading: no job is taken.
    ctx.log('stop', { reason: 'signal', ...counts });
    return counts;
  }
  const batcher = new Batcher<Job<DocumentJob, DocumentJobResult>, DocumentJobResult>(settings.batchSize, settings.batchWaitMs ?? 25, (jobs) => handleBatch(ctx, jobs, counts));
  const concurrency = settings.batchSize * Math.max(1, ctx.coder.parallel);
  const name = `${hostname()}:${process.pid}`;
  const worker = new Worker<DocumentJob, DocumentJobResult>(target.name, (job) => batcher.add(job), {
    connection: connectionOptions(target, 'service'),
    // Recorded on every job it takes (`processedBy`): which worker holds or held a job.
    name,
    concurrency,
    lockDuration: settings.lockMs,
    stalledInterval: Math.min(settings.lockMs, MAX_STALLED_INTERVAL_MS),
    // A job is put back at most this often after its worker died; past that it is failed (a poison document).
    maxStalledCount: 3,
    autorun: false,
  });
  worker.on('failed', (job, error) => {
    counts.failures++;
    if (!job) return void ctx.log('failed', { message: error.message, final: true });
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    ctx.log('failed', { job: job.id, origin: job.data.provenance?.origin, attempt: job.attemptsMade, attempts, final, message: error.message });
  });
  worker.on('stalled', (jobId) => {
    counts.recovered++;
    ctx.log('stalled', { job: jobId, message: 'its worker stopped before acknowledging it; put back in the queue' });
  });
  worker.on('error', (error) => ctx.log('error', { kind: 'queue', message: error.message }));

  ctx.log('start', { queue: target.shown, name: target.name, worker: name, pid: process.pid, concurrency, batchSize: settings.batchSize, threads: ctx.coder.parallel, lockMs: settings.lockMs, untilEmpty: settings.untilEmpty });
  const running = worker.run().catch((error: Error) => ctx.log('error', { kind: 'queue', message: error.message }));
  const reason = await stopReason(ctx.signal, settings.untilEmpty ? target : undefined, batcher, ctx.log);
  ctx.log('stopping', { reason });
  const closing = worker.close();
  batcher.flush();
  await closing;
  await running;
  await batcher.settled();
  const usage = process.resourceUsage();
  ctx.log('stop', { reason, ...counts, peakRssMB: Math.round(usage.maxRSS / 1024), cpuSeconds: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e4) / 100 });
  return counts;
}

/** Resolves with why the worker should stop: a signal, or (with `untilEmpty`) an empty queue. */
async function stopReason(signal: AbortSignal, untilEmpty: QueueTarget | undefined, batcher: { readonly idle: boolean }, log: Log): Promise<'signal' | 'empty'> {
  const aborted = new Promise<'signal'>((resolve) => {
    if (signal.aborted) resolve('signal');
    else signal.addEventListener('abort', () => resolve('signal'), { once: true });
  });
  if (!untilEmpty) return aborted;
  const queue = new Queue(untilEmpty.name, { connection: connectionOptions(untilEmpty, 'service') });
  queue.on('error', () => undefined); // a failed count is logged below
  let stop = false;
  let wake: () => void = () => undefined;
  const empty = (async (): Promise<'empty' | 'stopped'> => {
    let emptyChecks = 0;
    for (;;) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, EMPTY_POLL_MS);
      });
      if (stop) return 'stopped';
      try {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        const left = c.waiting + c.active + c.delayed + c.prioritized;
        emptyChecks = left === 0 && batcher.idle ? emptyChecks + 1 : 0;
      } catch (error) {
        log('error', { kind: 'queue', message: (error as Error).message });
        emptyChecks = 0;
      }
      // Twice in a row: a job between two states is not mistaken for an empty queue.
      if (emptyChecks >= 2) return 'empty';
    }
  })();
  const reason = await Promise.race([aborted, empty]);
  stop = true;
  wake();
  await empty;
  await queue.close();
  return reason === 'stopped' ? 'signal' : reason;
}

/**
 * One batch: documents already stored are reported as duplicates; the others are coded, then saved in one
 * transaction. Results are per job: a coding failure fails that job for good (it would fail again); a store
 * failure fails the saved jobs' attempt (they are retried with backoff).
 */
async function handleBatch(ctx: WorkerContext, jobs: ReadonlyArray<Job<DocumentJob, DocumentJobResult>>, counts: WorkerCounts): Promise<Array<DocumentJobResult | Error>> {
  counts.jobs += jobs.length;
  const results: Array<DocumentJobResult | Error | undefined> = jobs.map(() => undefined);
  const toCode: number[] = [];
  for (const [i, job] of jobs.entries()) {
    const data = job.data;
    if (typeof data?.text !== 'string' || typeof data.provenance?.contentHash !== 'string') {
      results[i] = new UnrecoverableError('not a document job (no text or content hash)');
      continue;
    }
    const existing = await ctx.store.findDocument(data.provenance.contentHash, data.meta?.url);
    if (existing !== null) {
      results[i] = duplicate(ctx, counts, job, existing, 'already stored (same content hash or URL)');
      continue;
    }
    toCode.push(i);
  }
  if (toCode.length === 0) return results as Array<DocumentJobResult | Error>;
  const codings = await ctx.coder.code(toCode.map((i) => ({ text: jobs[i].data.text, options: codeOptionsOf(jobs[i].data) })));
  const toSave: Array<{ index: number; coded: CodedDocument }> = [];
  codings.forEach((coded, k) => {
    if (coded instanceof Error) results[toCode[k]] = new UnrecoverableError(`coding failed: ${coded.message}`);
    else toSave.push({ index: toCode[k], coded });
  });
  if (toSave.length === 0) return results as Array<DocumentJobResult | Error>;
  try {
    const outcomes = await ctx.store.saveDocuments(
      toSave.map(({ index, coded }) => ({
        coded,
        provenance: { contentHash: jobs[index].data.provenance.contentHash, origin: jobs[index].data.provenance.origin, ...(ctx.coderVersion ? { coder: ctx.coderVersion } : {}) },
      })),
    );
    outcomes.forEach((outcome, k) => {
      const { index, coded } = toSave[k];
      const job = jobs[index];
      if (!outcome.stored) {
        results[index] = duplicate(ctx, counts, job, outcome.existingId, outcome.reason === 'duplicate-url' ? 'same URL' : 'same content hash');
        return;
      }
      counts.stored++;
      counts.events += outcome.events;
      ctx.memory?.learnFrom(coded);
      ctx.log('stored', { job: job.id, id: coded.id, origin: job.data.provenance.origin, events: outcome.events, attempt: job.attemptsMade + 1 });
      results[index] = { outcome: 'stored', id: coded.id, events: outcome.events };
    });
  } catch (error) {
    // Nothing of the batch was committed: each saved job's attempt fails and is retried.
    const message = `storing failed: ${(error as Error).message}`;
    for (const { index } of toSave) results[index] = new Error(message);
  }
  return results as Array<DocumentJobResult | Error>;
}

function duplicate(ctx: WorkerContext, counts: WorkerCounts, job: Job<DocumentJob, DocumentJobResult>, id: string, reason: string): DocumentJobResult {
  counts.duplicates++;
  ctx.log('duplicate', { job: job.id, id, origin: job.data.provenance.origin, reason });
  return { outcome: 'duplicate', id, reason };
}
