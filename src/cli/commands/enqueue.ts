/** `herodotus enqueue`: reads inputs exactly as `ingest` does and puts each document on the work queue. */
import { inputProgress, prepareInputs, type InputFlags, type PreparedDocument, type RunCounts } from '../documents.js';
import type { DocumentQueue } from '../../queue/enqueue.js';
import { documentJob } from '../../queue/job.js';

export interface EnqueueCounts extends RunCounts {
  /** New jobs. */
  enqueued: number;
  /** Documents whose job (same content hash) was already in the queue: waiting, active, done or failed. */
  alreadyQueued: number;
  seconds: number;
}

/** Jobs are looked up and added this many at a time (and at most this many characters of text). */
const ADD_BATCH_DOCUMENTS = 100;
const ADD_BATCH_CHARS = 4_000_000;

export async function runEnqueue(queue: DocumentQueue, paths: readonly string[], flags: InputFlags): Promise<EnqueueCounts> {
  const counts: EnqueueCounts = { documents: 0, skipped: 0, enqueued: 0, alreadyQueued: 0, seconds: 0 };
  const started = Date.now();
  const { progress, say } = inputProgress(paths, flags);
  let batch: PreparedDocument[] = [];
  let chars = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await queue.add(batch.map(documentJob));
    outcomes.forEach((outcome, i) => {
      progress.document();
      if (outcome.added) return void counts.enqueued++;
      counts.alreadyQueued++;
      say(`${batch[i].origin}: already queued as job ${batch[i].hash.slice(0, 16)}… (${outcome.state}; same content hash); not queued again`);
    });
    batch = [];
    chars = 0;
  };
  for await (const doc of prepareInputs(paths, flags, counts, progress, say)) {
    counts.documents++;
    batch.push(doc);
    chars += doc.text.length;
    if (batch.length >= ADD_BATCH_DOCUMENTS || chars >= ADD_BATCH_CHARS) await flush();
  }
  await flush();
  progress.clear();
  counts.seconds = (Date.now() - started) / 1000;
  return counts;
}
