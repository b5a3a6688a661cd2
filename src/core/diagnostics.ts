import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * The catalogue of every diagnostic Herodotus can emit. Codes are stable: tools and tests match on
 * them; messages may be reworded.
 */
export const DIAGNOSTIC_CATALOGUE = {
  INPUT_NOT_FOUND: { severity: 'error', summary: 'the input path does not exist' },
  INPUT_UNREADABLE: { severity: 'error', summary: 'the input could not be read' },
  INPUT_EMPTY: { severity: 'error', summary: 'the document has no text' },
  INPUT_BINARY: { severity: 'error', summary: 'the file looks binary, not text' },
  INPUT_TOO_LARGE: { severity: 'error', summary: 'the document exceeds --max-doc-bytes' },
  INPUT_INVALID_UTF8: { severity: 'warning', summary: 'invalid UTF-8 bytes were replaced with U+FFFD' },
  INPUT_CONTROL_CHARS: { severity: 'warning', summary: 'control characters were found in the text' },
  JSONL_MALFORMED: { severity: 'error', summary: 'a JSONL line is not valid JSON' },
  JSONL_INVALID_RECORD: { severity: 'error', summary: 'a JSONL record lacks a usable text field' },
  HTML_NO_ARTICLE: { severity: 'error', summary: 'no article text could be extracted from the HTML page' },
  FEED_MALFORMED: { severity: 'error', summary: 'the RSS/Atom file could not be parsed' },
  FEED_ITEM_EMPTY: { severity: 'warning', summary: 'a feed item has no text' },
  PUBLISHED_INVALID: { severity: 'warning', summary: 'the publication date is not an ISO 8601 date' },
  PUBLISHED_MISSING: { severity: 'info', summary: 'no publication date: relative dates stay unresolved' },
  LANGUAGE_UNSUPPORTED: { severity: 'warning', summary: 'the document is not in a supported language and was not coded' },
  LANGUAGE_UNCERTAIN: { severity: 'info', summary: 'the language could not be identified with confidence; English assumed' },
  DATE_IMPOSSIBLE: { severity: 'warning', summary: 'a date that does not exist (e.g. February 30) was not coded' },
  DATELINE_FOUND: { severity: 'info', summary: 'a dateline was recognised and kept outside the sentences' },
  STAGE_FAILED: { severity: 'error', summary: 'a pipeline stage failed on this document' },
  DUPLICATE_DOCUMENT: { severity: 'info', summary: 'the document is already stored (same content hash or URL)' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOGUE;

/** A problem that is not fatal, kept with the document as data. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly severity: Severity;
  readonly stage: string;
  readonly start?: number;
  readonly end?: number;
}

export function diagnostic(code: DiagnosticCode, stage: string, message?: string, where?: Span): Diagnostic {
  const entry = DIAGNOSTIC_CATALOGUE[code];
  return {
    code,
    message: message ?? entry.summary,
    severity: entry.severity,
    stage,
    ...(where ? { start: where.start, end: where.end } : {}),
  };
}
