/**
 * A worker thread of the coding pool (piscina): builds its own pipeline once (models, lexicons, the
 * gazetteer, imported dictionaries, the actor store's roles as they stood when the run began) and codes
 * batches of documents. Results are plain objects (structured-cloned back to the main thread).
 */
import { workerData } from 'node:worker_threads';
import type { CodedDocument } from '../core/contract.js';
import { ActorMemory, type KnownRole } from '../knowledge/actors/memory.js';
import { loadDictionaries, type DictionaryFiles } from '../knowledge/petrarch/load.js';
import { createPipeline, type CodeOptions, type Pipeline } from '../pipeline/pipeline.js';

export interface CodeWorkerSetup {
  readonly gazetteerDir?: string;
  readonly dictionaries?: DictionaryFiles;
  /** Roles of the actor store at the start of the run. */
  readonly roles?: readonly KnownRole[];
  /**
   * Learn the roles each coded story states (the API server, where stories arrive one by one and later ones
   * must know what earlier ones taught); `code --threads` and `ingest --threads` leave the memory as it was.
   */
  readonly learn?: boolean;
}

export type WorkerResult = CodedDocument | { error: string };

let pipeline: Pipeline | undefined;
const data = (workerData ?? {}) as CodeWorkerSetup;
const memory = data.roles || data.learn ? new ActorMemory(data.roles ?? []) : undefined;

function setup(): Pipeline {
  const dictionaries = data.dictionaries ? loadDictionaries(data.dictionaries) : undefined;
  return createPipeline({
    ...(data.gazetteerDir ? { gazetteerDir: data.gazetteerDir } : {}),
    ...(memory ? { actorMemory: memory } : {}),
    ...(dictionaries ? { dictionaries } : {}),
  });
}

export default function codeBatch(batch: ReadonlyArray<{ text: string; options: CodeOptions }>): WorkerResult[] {
  pipeline ??= setup();
  if (data.learn && memory) {
    // One at a time, each learning from the last, as `ingest` does in one thread.
    return batch.map((item) => {
      try {
        const coded = pipeline!.code(item.text, item.options);
        memory.learnFrom(coded);
        return coded;
      } catch (error) {
        return { error: (error as Error).message };
      }
    });
  }
  try {
    return pipeline.codeBatch(batch);
  } catch {
    return batch.map((item) => {
      try {
        return pipeline!.code(item.text, item.options);
      } catch (error) {
        return { error: (error as Error).message };
      }
    });
  }
}
