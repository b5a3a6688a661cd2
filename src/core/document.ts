import type { Diagnostic } from './diagnostics.js';
import type { LayerName, Layers } from './layers.js';

/** What is known about a document apart from its text. */
export interface DocumentMeta {
  readonly id: string;
  /** ISO 8601 date or date-time; absent when unknown (relative dates then stay unresolved). */
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
  readonly title?: string;
  readonly byline?: string;
  /** Where the document came from: a path, `path:line` for JSONL, `-` for stdin. */
  readonly origin?: string;
}

/**
 * A document: immutable text, metadata, and annotation layers added once each by pipeline stages.
 * A layer, once set, is never replaced; diagnostics accumulate.
 */
export class Doc {
  readonly text: string;
  readonly meta: DocumentMeta;
  private readonly layers: Partial<Layers> = {};
  private readonly notes: Diagnostic[] = [];

  constructor(text: string, meta: DocumentMeta, diagnostics: readonly Diagnostic[] = []) {
    this.text = text;
    this.meta = Object.freeze({ ...meta });
    this.notes.push(...diagnostics);
  }

  has(name: LayerName): boolean {
    return name in this.layers;
  }

  /** The layer's value; throws if no stage wrote it (a bug in stage ordering). */
  get<K extends LayerName>(name: K): Layers[K] {
    if (!(name in this.layers)) throw new Error(`layer '${name}' has not been written`);
    return this.layers[name] as Layers[K];
  }

  /** The layer's value, or `fallback` when no stage wrote it. */
  getOr<K extends LayerName>(name: K, fallback: Layers[K]): Layers[K] {
    return name in this.layers ? (this.layers[name] as Layers[K]) : fallback;
  }

  /** Sets a layer once; writing it again is a broken invariant. */
  set<K extends LayerName>(name: K, value: Layers[K]): void {
    if (name in this.layers) throw new Error(`layer '${name}' was already written`);
    this.layers[name] = Object.freeze(value) as Layers[K];
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.notes;
  }

  report(...diagnostics: Diagnostic[]): void {
    this.notes.push(...diagnostics);
  }
}
