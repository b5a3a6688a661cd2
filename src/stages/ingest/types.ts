import type { Diagnostic, DiagnosticCode } from '../../core/diagnostics.js';

export type InputFormat = 'text' | 'jsonl' | 'html' | 'rss';

/** Per-document metadata an input may carry; CLI flags override it. */
export interface RawMeta {
  id?: string;
  published?: string;
  source?: string;
  url?: string;
  title?: string;
  byline?: string;
}

/** One document read from an input, ready to be coded. */
export interface RawDocument {
  kind: 'document';
  text: string;
  meta: RawMeta;
  /** Where it came from: path, path:line, path#item, or '-'. */
  origin: string;
  /** Problems repaired on the way in (e.g. invalid UTF-8 replaced). */
  diagnostics: Diagnostic[];
}

/** An input item that could not become a document; reported on one stderr line and skipped. */
export interface Skipped {
  kind: 'skipped';
  origin: string;
  code: DiagnosticCode;
  message: string;
}

export type IngestItem = RawDocument | Skipped;

export interface IngestOptions {
  /** Force a format; `undefined` guesses from the extension and the first bytes. */
  input?: InputFormat;
  /** Documents (and JSONL lines) larger than this are skipped. */
  maxDocBytes: number;
}

export function skipped(origin: string, code: DiagnosticCode, message: string): Skipped {
  return { kind: 'skipped', origin, code, message };
}
