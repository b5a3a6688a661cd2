/**
 * A worker thread of the coding pool (piscina): builds its own pipeline once (models, lexicons, the
 * gazetteer, imported dictionaries, the actor store's roles as they stood when the run began) and codes
 * batches of documents. Results are plain objects (structured-cloned back to the main thread).
 */
import { workerData } from 'node:worker_threads';
import type { CodedDocument } from '../core/contract.js';
import { ActorMemory, type LearnedRole } from '../knowledge/actors/memory.js';
import { loadDictionaries, type DictionaryFiles } from '../knowledge/petrarch/load.js';
import { createPipeline, type CodeOptions, type Pipeline } from '../pipeline/pipeline.js';

export interface CodeWorkerSetup {
  readonly gazetteerDir?: string;
  readonly dictionaries?: DictionaryFiles;
  /** Roles of the actor store at the start of the run (read only in the workers). */
  readonly roles?: readonly LearnedRole[];
}

export type WorkerResult = CodedDocument | { error: string };

let pipeline: Pipeline | undefined;

function setup(): Pipeline {
  const data = (workerData ?? {}) as CodeWorkerSetup;
  const dictionaries = data.dictionaries ? loadDictionaries(data.dictionaries) : undefined;
  return createPipeline({
    ...(data.gazetteerDir ? { gazetteerDir: data.gazetteerDir } : {}),
    ...(data.roles ? { actorMemory: new ActorMemory(data.roles) } : {}),
    ...(dictionaries ? { dictionaries } : {}),
  });
}

export default function codeBatch(batch: ReadonlyArray<{ text: string; options: CodeOptions }>): WorkerResult[] {
  pipeline ??= setup();
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
