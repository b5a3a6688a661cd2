/**
 * A queued document: what `enqueue` (or `watch --queue`) read, as a worker needs it to code and store it.
 * The job id is the content hash, so the same text queued twice is one job while that job is kept.
 */
import type { JobsOptions } from 'bullmq';
import type { Diagnostic } from '../core/diagnostics.js';
import type { CodeOptions } from '../pipeline/pipeline.js';
import type { RawMeta } from '../stages/ingest/types.js';

/** The BullMQ job name of a document job (one kind of job per queue for now). */
export const DOCUMENT_JOB = 'document';

export interface DocumentJob {
  /** The document text, as read (repairs already made). */
  text: string;
  /** id, published, source, url, title, byline: from the input, CLI flags applied. */
  meta: RawMeta;
  /** sha256 of the text (also the job id) and where the text came from. */
  provenance: { contentHash: string; origin: string };
  /** Repairs made while reading (e.g. invalid UTF-8), kept with the stored document. */
  diagnostics: Diagnostic[];
}

/** What a finished job returns (kept with the completed job). */
export type DocumentJobResult = { outcome: 'stored'; id: string; events: number } | { outcome: 'duplicate'; id: string; reason: string };

/** A read document (text, hash, origin and coding options, as `prepareInputs` gives it) as a job payload. */
export function documentJob(doc: { text: string; hash: string; origin: string; options: CodeOptions }): DocumentJob {
  const { origin, diagnostics, ...meta } = doc.options;
  void origin;
  return { text: doc.text, meta, provenance: { contentHash: doc.hash, origin: doc.origin }, diagnostics: [...(diagnostics ?? [])] };
}

/** The coding options of a job: the same a single-process `ingest` of the same input uses. */
export function codeOptionsOf(job: DocumentJob): CodeOptions {
  return { ...job.meta, origin: job.provenance.origin, diagnostics: job.diagnostics };
}

/** The id the stored document will have (the pipeline's rule: the input's id, else the hash prefix). */
export function documentIdOf(job: DocumentJob): string {
  return job.meta.id ?? job.provenance.contentHash.slice(0, 16);
}

export interface RetryPolicy {
  /** Tries in all before a job is failed (kept in the failed list with its error). */
  attempts: number;
  /** First wait before a retry; doubled each time. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2_000 };

/**
 * Completed jobs (text included) are kept a day, at most 10,000, for deduplication and `queue status`; a
 * document queued again after its job is gone is found in the store by the worker and not stored twice.
 */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };

export function jobOptions(job: DocumentJob, retry: RetryPolicy): JobsOptions {
  return {
    jobId: job.provenance.contentHash,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: KEEP_COMPLETED,
    // Failed jobs stay, with their error, until retried (`queue retry-failed`) or removed.
    removeOnFail: false,
  };
}
