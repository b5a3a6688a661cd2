/**
 * The coding pool: documents spread over worker threads (piscina), one pipeline per thread. Sized by
 * `os.availableParallelism()` (which respects CPU affinity) unless `--threads N` says otherwise; small runs
 * stay in one thread, where loading more pipelines would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { lazyRequire } from '../core/lazy.js';
import type { CodedDocument } from '../core/contract.js';
import type { DocumentCoder } from '../pipeline/pipeline.js';
import type { BatchCoder } from './documents.js';
import type { CodeWorkerSetup, WorkerResult } from './code-worker.js';

/** Below this many input bytes a run codes in this thread by default. */
export const POOL_MIN_BYTES = 400_000;

export function threadCount(requested: number | undefined, inputBytes: number): number {
  if (requested !== undefined) return Math.max(1, requested);
  return inputBytes < POOL_MIN_BYTES ? 1 : Math.max(1, availableParallelism());
}

// Loaded only when a run uses more than one thread.
const piscina = lazyRequire<typeof import('piscina')>('piscina');

export interface PoolCoder extends BatchCoder {
  close(): Promise<void>;
}

export function poolCoder(threads: number, setup: CodeWorkerSetup): PoolCoder {
  const pool = new (piscina().Piscina)({
    filename: new URL('./code-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    workerData: setup,
    idleTimeout: 60_000,
  });
  return {
    parallel: threads,
    async code(batch) {
      try {
        const results = (await pool.run(batch)) as WorkerResult[];
        return results.map((r): CodedDocument | Error => ('error' in r && !('text' in r) ? new Error(r.error) : (r as CodedDocument)));
      } catch (error) {
        return batch.map(() => error as Error);
      }
    },
    async close() {
      await pool.destroy();
    },
  };
}

/** One document at a time on the pool: what the API server codes posted stories with. */
export interface PooledDocumentCoder extends DocumentCoder {
  /** Loads the models in every worker now, so the first request does not wait for them. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export function pooledDocumentCoder(threads: number, setup: CodeWorkerSetup): PooledDocumentCoder {
  const pool = poolCoder(threads, setup);
  return {
    async code(text, options = {}) {
      const [result] = await pool.code([{ text, options }]);
      if (result instanceof Error) throw result;
      return result;
    },
    async warm() {
      await Promise.all(Array.from({ length: threads }, () => pool.code([])));
    },
    close: () => pool.close(),
  };
}
