/** Herodotus library API. */
export { createPipeline, normalizePublished, contentHash } from './pipeline/pipeline.js';
export type { Pipeline, PipelineOptions, CodeOptions } from './pipeline/pipeline.js';
export type { CodedDocument } from './core/contract.js';
export type { Stage, StageOutput } from './pipeline/stage.js';
export type { Resources } from './pipeline/resources.js';
export type { Diagnostic, DiagnosticCode } from './core/diagnostics.js';
export { DIAGNOSTIC_CATALOGUE } from './core/diagnostics.js';
export type * from './core/layers.js';
export { Doc } from './core/document.js';
export { openStore } from './store/open.js';
export type { Store, StoredEvent, EventQuery } from './store/store.js';
