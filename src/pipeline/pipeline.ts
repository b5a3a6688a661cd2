import type { CodedDocument } from '../core/contract.js';
import { toCoded } from '../core/contract.js';
import { diagnostic, type Diagnostic } from '../core/diagnostics.js';
import { Doc, type DocumentMeta } from '../core/document.js';
import { createHash } from 'node:crypto';
import { defaultLocations, loadResources, type ResourceLocations, type Resources } from './resources.js';
import { runStages, runStagesBatch, validateStages } from './runner.js';
import type { Stage } from './stage.js';
import { standardStages, type StageExtras } from './stages.js';

export interface CodeOptions {
  /** Publication date, ISO 8601 (`2024-01-13` or a date-time). Without it relative dates stay unresolved. */
  published?: string;
  id?: string;
  source?: string;
  url?: string;
  title?: string;
  byline?: string;
  origin?: string;
  /** Diagnostics gathered before coding (e.g. repaired encoding), kept with the document. */
  diagnostics?: readonly Diagnostic[];
}

export interface PipelineOptions extends Partial<ResourceLocations>, StageExtras {
  /** Use these stages instead of the standard list (validated the same way). */
  stages?: readonly Stage[];
  /** Already loaded resources (to share them between pipelines); loaded from the locations otherwise. */
  resources?: Resources;
}

export interface Pipeline {
  readonly stages: readonly Stage[];
  readonly resources: Resources;
  /** Codes one text and returns the output-contract object. */
  code(text: string, options?: CodeOptions): CodedDocument;
  /** Codes several texts stage by stage (faster for many documents); results are in input order. */
  codeBatch(items: ReadonlyArray<{ text: string; options?: CodeOptions }>): CodedDocument[];
  /** Codes one text and returns the internal document with every layer (tokens included). */
  annotate(text: string, options?: CodeOptions): Doc;
}

/**
 * Anything that codes one text: a Pipeline in this thread, or a coder that sends the text to a worker thread
 * (the API server codes there, so coding a posted story never stalls the answers to reads).
 */
export interface DocumentCoder {
  code(text: string, options?: CodeOptions): CodedDocument | Promise<CodedDocument>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Checks an ISO 8601 publication date; returns it normalised (T separator) or undefined. */
export function normalizePublished(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const trimmed = value.trim();
  if (!ISO_DATE.test(trimmed)) return undefined;
  const date = new Date(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return undefined;
  if (trimmed.length === 10 && date.toISOString().slice(0, 10) !== trimmed) return undefined; // 2024-02-30
  return trimmed.replace(' ', 'T');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Loads resources once and returns a frozen pipeline. */
export function createPipeline(options: PipelineOptions = {}): Pipeline {
  const defaults = defaultLocations();
  const locations: ResourceLocations = {
    dataDir: options.dataDir ?? defaults.dataDir,
    modelsDir: options.modelsDir ?? defaults.modelsDir,
    ...(options.gazetteerDir ? { gazetteerDir: options.gazetteerDir } : {}),
  };
  const resources = options.resources ?? loadResources(locations);
  const stages = Object.freeze([...(options.stages ?? standardStages(locations, resources, options))]);
  validateStages(stages);

  const prepare = (text: string, opts: CodeOptions = {}): Doc => {
    if (typeof text !== 'string') throw new TypeError('pipeline.code: text must be a string');
    const notes: Diagnostic[] = [...(opts.diagnostics ?? [])];
    const published = normalizePublished(opts.published);
    if (opts.published !== undefined && opts.published !== '' && published === undefined) {
      notes.push(diagnostic('PUBLISHED_INVALID', 'ingest', `publication date "${opts.published}" is not ISO 8601 (YYYY-MM-DD or a date-time): ignored`));
    }
    if (published === undefined) notes.push(diagnostic('PUBLISHED_MISSING', 'ingest'));
    const meta: DocumentMeta = {
      id: opts.id ?? contentHash(text).slice(0, 16),
      ...(published !== undefined ? { published } : {}),
      ...(opts.source !== undefined ? { source: opts.source } : {}),
      ...(opts.url !== undefined ? { url: opts.url } : {}),
      ...(opts.title !== undefined ? { title: opts.title } : {}),
      ...(opts.byline !== undefined ? { byline: opts.byline } : {}),
      ...(opts.origin !== undefined ? { origin: opts.origin } : {}),
    };
    return new Doc(text, meta, notes);
  };
  const annotate = (text: string, opts: CodeOptions = {}): Doc => runStages(prepare(text, opts), stages, resources);
  const finish = (doc: Doc): CodedDocument => {
    const coded = toCoded(doc);
    // A dateline's agency is the document's source when none was given.
    const dateline = doc.getOr('dateline', null);
    if (coded.source === undefined && dateline?.agency) coded.source = dateline.agency;
    return coded;
  };

  return Object.freeze({
    stages,
    resources,
    annotate,
    code(text: string, opts: CodeOptions = {}): CodedDocument {
      return finish(annotate(text, opts));
    },
    codeBatch(items: ReadonlyArray<{ text: string; options?: CodeOptions }>): CodedDocument[] {
      const docs = items.map((item) => prepare(item.text, item.options));
      return runStagesBatch(docs, stages, resources).map(finish);
    },
  });
}

/** The standard stage list with resources loaded once, for building custom or instrumented pipelines. */
export function standardPipelineParts(options: Partial<ResourceLocations> = {}): { stages: readonly Stage[]; resources: Resources; locations: ResourceLocations } {
  const defaults = defaultLocations();
  const locations: ResourceLocations = { ...defaults, ...options };
  const resources = loadResources(locations);
  return { stages: standardStages(locations, resources), resources, locations };
}
