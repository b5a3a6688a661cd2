import type { Diagnostic } from '../core/diagnostics.js';
import type { Doc } from '../core/document.js';
import type { LayerName, Layers } from '../core/layers.js';
import type { Resources } from './resources.js';

/** What a stage hands back: the layers it wrote, any diagnostics, and whether coding should stop. */
export interface StageOutput {
  layers: Partial<Layers>;
  diagnostics?: Diagnostic[];
  /** Stop the pipeline for this document (e.g. an unsupported language); later layers stay empty. */
  halt?: boolean;
}

/**
 * One step of the pipeline. `reads` and `writes` are checked by the runner before anything runs:
 * every layer read must be written by an earlier stage, and a stage may only write what it declares.
 */
export interface Stage {
  readonly name: string;
  readonly version: string;
  readonly reads: readonly LayerName[];
  readonly writes: readonly LayerName[];
  run(doc: Doc, resources: Resources): StageOutput;
}
