/** Inputs → coded documents, with skipped items and repairs reported on stderr, one line each. */
import type { CodedDocument } from '../core/contract.js';
import { CODE_BATCH_DOCUMENTS } from '../pipeline/batch.js';
import { contentHash, type CodeOptions, type Pipeline } from '../pipeline/pipeline.js';
import { countInputs, readInputs } from '../stages/ingest/inputs.js';
import type { InputFormat } from '../stages/ingest/types.js';
import { Progress } from './progress.js';

/**
 * Documents are coded in batches of CODE_BATCH_DOCUMENTS, stage by stage, bounded by count and by characters
 * (memory); with worker threads in batches of POOL_BATCH_DOCUMENTS, which keep every worker busy.
 */
const POOL_BATCH_DOCUMENTS = 16;
const CODE_BATCH_CHARS = 4_000_000;

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

/**
 * Codes batches of documents: in this thread (a pipeline) or on a pool of worker threads. `parallel` batches
 * may be in flight at once; results always come back in input order.
 */
export interface BatchCoder {
  readonly parallel: number;
  code(batch: ReadonlyArray<{ text: string; options: CodeOptions }>): Promise<Array<CodedDocument | Error>>;
}

/** A coder running the pipeline in this thread (a failed batch is retried one document at a time). */
export function inProcessCoder(pipeline: Pipeline): BatchCoder {
  return {
    parallel: 1,
    async code(batch) {
      try {
        return pipeline.codeBatch(batch);
      } catch {
        return batch.map((p) => {
          try {
            return pipeline.code(p.text, p.options);
          } catch (error) {
            return error as Error;
          }
        });
      }
    },
  };
}

/** Called before a document is coded; returning true skips it (e.g. already stored). */
export type BeforeCode = (item: { contentHash: string; url?: string; origin: string; say: Say }) => Promise<boolean>;

/** A document read from the inputs, with its content hash and the options it is coded with. */
export interface PreparedDocument {
  text: string;
  hash: string;
  origin: string;
  options: CodeOptions;
}

/** Progress on stderr over the inputs' bytes, and the `say` that clears it first. */
export function inputProgress(paths: readonly string[], flags: Pick<InputFlags, 'quiet'>): { progress: Progress; say: Say } {
  const progress = new Progress(countInputs(paths).bytes, { quiet: flags.quiet });
  return { progress, say: makeSay(progress) };
}

/**
 * Reads the inputs as `ingest` does: one stderr line per skipped item (counted in `counts.skipped`), CLI flags
 * over per-document metadata, repairs kept as diagnostics. `ingest` codes what it yields; `enqueue` queues it.
 */
export async function* prepareInputs(paths: readonly string[], flags: InputFlags, counts: RunCounts, progress: Progress, say: Say): AsyncGenerator<PreparedDocument> {
  const items = readInputs(paths, { input: flags.input, maxDocBytes: flags.maxDocBytes }, { fileDone: (n) => progress.bytes(n) });
  for await (const item of items) {
    if (item.kind === 'skipped') {
      counts.skipped++;
      say(`skipped ${item.origin}: ${item.message} [${item.code}]`);
      continue;
    }
    yield {
      text: item.text,
      hash: contentHash(item.text),
      origin: item.origin,
      options: {
        ...item.meta,
        ...(flags.published !== undefined ? { published: flags.published } : {}),
        ...(flags.source !== undefined ? { source: flags.source } : {}),
        ...(flags.url !== undefined ? { url: flags.url } : {}),
        origin: item.origin,
        diagnostics: item.diagnostics,
      },
    };
  }
}

export async function* codeInputs(coder: BatchCoder | Pipeline, paths: readonly string[], flags: InputFlags, counts: RunCounts, before?: BeforeCode): AsyncGenerator<CodedItem & { progress: Progress; say: Say }> {
  const batchCoder = 'parallel' in coder ? coder : inProcessCoder(coder);
  const { progress, say } = inputProgress(paths, flags);
  type Pending = PreparedDocument;
  let pending: Pending[] = [];
  let pendingChars = 0;

  /** Batches being coded, oldest first; each resolves to its documents' results. */
  const inFlight: Array<{ batch: Pending[]; results: Promise<Array<CodedDocument | Error>> }> = [];

  /** Sends the pending documents to the coder; yields finished batches (in order) while too many are in flight. */
  async function* flush(all = false): AsyncGenerator<CodedItem & { progress: Progress; say: Say }> {
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      pendingChars = 0;
      inFlight.push({ batch, results: batchCoder.code(batch.map((p) => ({ text: p.text, options: p.options }))) });
    }
    while (inFlight.length > (all ? 0 : batchCoder.parallel)) {
      const { batch, results: promised } = inFlight.shift()!;
      const results = await promised;
      for (let i = 0; i < batch.length; i++) {
        const coded = results[i];
        const { origin, hash } = batch[i];
        if (coded instanceof Error) {
          counts.skipped++;
          say(`skipped ${origin}: coding failed: ${coded.message}`);
          continue;
        }
        reportDiagnostics(coded, origin, say);
        counts.documents++;
        progress.document();
        yield { coded, contentHash: hash, origin, progress, say };
      }
    }
  }

  for await (const doc of prepareInputs(paths, flags, counts, progress, say)) {
    const url = doc.options.url;
    if (before && (await before({ contentHash: doc.hash, ...(url !== undefined ? { url } : {}), origin: doc.origin, say }))) {
      progress.document();
      continue;
    }
    pending.push(doc);
    pendingChars += doc.text.length;
    const batchDocuments = batchCoder.parallel > 1 ? POOL_BATCH_DOCUMENTS : CODE_BATCH_DOCUMENTS;
    if (pending.length >= batchDocuments || pendingChars >= CODE_BATCH_CHARS) yield* flush();
  }
  yield* flush(true);
  progress.clear(); // leave stderr clean for the summary line
}

/** A coded document's warnings and repairs, one stderr line each (information notes are not shown). */
export function reportDiagnostics(coded: CodedDocument, origin: string, say: Say): void {
  for (const d of coded.diagnostics) {
    if (d.severity === 'info') continue;
    say(`${origin}: ${d.severity === 'error' ? 'error' : d.code === 'INPUT_INVALID_UTF8' ? 'repaired' : d.severity}: ${d.message} [${d.code}]`);
  }
}
