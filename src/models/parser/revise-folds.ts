/**
 * Jackknifed first-stage trees for training the tree reviser (revise.ts): the training sentences are split into
 * `folds` folds by index; for each fold a parser of the given recipe, trained on the other folds, parses it. The
 * folds are trained in worker threads (revise-fold-worker.ts), two at a time on a machine with two cores or more.
 */

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TreebankSentence } from './data.js';

/** One training sentence's first-stage tree: heads 1-based (0 = root), relations, the parser's arc margins. */
export interface FoldTree {
  /** Index of the sentence in the training set. */
  i: number;
  head: number[];
  deprel: string[];
  margin: number[];
}

export interface FoldJob {
  train: readonly TreebankSentence[];
  tags: ReadonlyArray<{ upos: string[]; xpos: string[] }>;
  folds: number;
  /** The folds this worker trains and parses. */
  mine: number[];
  seed: number;
  /** Partial ParserTrainConfig overriding the default recipe. */
  config: Record<string, unknown>;
}

export async function jackknifeTrees(
  train: readonly TreebankSentence[],
  tags: ReadonlyArray<{ upos: string[]; xpos: string[] }>,
  folds: number,
  seed: number,
  config: Record<string, unknown>,
  log: (message: string) => void,
): Promise<FoldTree[]> {
  const lanes = Math.max(1, Math.min(folds, availableParallelism(), 2));
  const jobs = Array.from({ length: lanes }, (_, w) => Array.from({ length: folds }, (_, k) => k).filter((k) => k % lanes === w));
  const results = await Promise.all(
    jobs.map(
      (mine) =>
        new Promise<FoldTree[]>((resolve, reject) => {
          const job: FoldJob = { train, tags, folds, mine, seed, config };
          const worker = new Worker(new URL('./revise-fold-worker.js', import.meta.url), { workerData: job });
          worker.on('message', (m: { log?: string; trees?: FoldTree[] }) => {
            if (m.log !== undefined) log(m.log);
            if (m.trees !== undefined) resolve(m.trees);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`reviser fold worker exited with code ${code}`));
          });
        }),
    ),
  );
  return results.flat().sort((a, b) => a.i - b.i);
}
