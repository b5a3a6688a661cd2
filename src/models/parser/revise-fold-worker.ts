/** Worker of revise-folds.ts: trains the parser of each of its folds on the other folds and parses the fold. */

import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from './parser.js';
import { attachPunctuation } from './punctuation.js';
import type { FoldJob, FoldTree } from './revise-folds.js';
import { DEFAULT_PARSER_CONFIG, trainParserModel } from './train.js';

const job = workerData as FoldJob;
const trees: FoldTree[] = [];
for (const k of job.mine) {
  const rest: number[] = [];
  for (let i = 0; i < job.train.length; i++) if (i % job.folds !== k) rest.push(i);
  const r = trainParserModel(
    rest.map((i) => job.train[i]),
    { ...DEFAULT_PARSER_CONFIG, ...job.config, opinion: false, second: false },
    job.seed,
    (m) => parentPort!.postMessage({ log: `[reviser fold ${k + 1}/${job.folds}] ${m}` }),
    undefined,
    rest.map((i) => job.tags[i]),
  );
  const p = Parser.fromBytes(r.bytes);
  for (let i = k; i < job.train.length; i += job.folds) {
    const s = job.train[i];
    const a = p.parseArcs(s.forms, job.tags[i].upos, job.tags[i].xpos);
    const head = Array.from(a.head);
    const deprel = Array.from(a.label, (l, j) => (head[j] === 0 ? 'root' : p.labels[l]));
    attachPunctuation(s.forms, head, deprel);
    trees.push({ i, head, deprel, margin: Array.from(a.margin) });
  }
}
parentPort!.postMessage({ trees });
