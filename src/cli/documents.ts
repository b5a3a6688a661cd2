/** Inputs → coded documents, with skipped items and repairs reported on stderr, one line each. */
import type { CodedDocument } from '../core/contract.js';
import { contentHash, type Pipeline } from '../pipeline/pipeline.js';
import { countInputs, readInputs } from '../stages/ingest/inputs.js';
import type { InputFormat } from '../stages/ingest/types.js';
import { Progress } from './progress.js';

export interface InputFlags {
  published?: string;
  source?: string;
  url?: string;
  input?: InputFormat;
  maxDocBytes: number;
  quiet?: boolean;
}

export interface CodedItem {
  coded: CodedDocument;
  contentHash: string;
  origin: string;
}

export interface RunCounts {
  documents: number;
  skipped: number;
}

/** Writes one line to stderr, clearing the progress line first. */
export type Say = (line: string) => void;

export function makeSay(progress: Progress): Say {
  return (line) => {
    progress.clear();
    process.stderr.write(`herodotus: ${line}\n`);
  };
}

/** Called before a document is coded; returning true skips it (e.g. already stored). */
export type BeforeCode = (item: { contentHash: string; url?: string; origin: string; say: Say }) => Promise<boolean>;

export async function* codeInputs(pipeline: Pipeline, paths: readonly string[], flags: InputFlags, counts: RunCounts, before?: BeforeCode): AsyncGenerator<CodedItem & { progress: Progress; say: Say }> {
  const total = countInputs(paths);
  const progress = new Progress(total.bytes, { quiet: flags.quiet });
  const say = makeSay(progress);
  const items = readInputs(paths, { input: flags.input, maxDocBytes: flags.maxDocBytes }, { fileDone: (n) => progress.bytes(n) });
  for await (const item of items) {
    if (item.kind === 'skipped') {
      counts.skipped++;
      say(`skipped ${item.origin}: ${item.message} [${item.code}]`);
      continue;
    }
    const hash = contentHash(item.text);
    const url = flags.url ?? item.meta.url;
    if (before && (await before({ contentHash: hash, ...(url !== undefined ? { url } : {}), origin: item.origin, say }))) {
      progress.document();
      continue;
    }
    let coded: CodedDocument;
    try {
      coded = pipeline.code(item.text, {
        ...item.meta,
        ...(flags.published !== undefined ? { published: flags.published } : {}),
        ...(flags.source !== undefined ? { source: flags.source } : {}),
        ...(flags.url !== undefined ? { url: flags.url } : {}),
        origin: item.origin,
        diagnostics: item.diagnostics,
      });
    } catch (error) {
      counts.skipped++;
      say(`skipped ${item.origin}: coding failed: ${(error as Error).message}`);
      continue;
    }
    for (const d of coded.diagnostics) {
      if (d.severity === 'info') continue;
      say(`${item.origin}: ${d.severity === 'error' ? 'error' : 'repaired'}: ${d.message} [${d.code}]`);
    }
    counts.documents++;
    progress.document();
    yield { coded, contentHash: hash, origin: item.origin, progress, say };
  }
  progress.clear(); // leave stderr clean for the summary line
}
