/** A stored correction's row (schema v6, both stores) and its reading as a Correction of the current coding. */
import type { CodedDocument } from '../core/contract.js';
import { resolveAnchor } from '../corrections/anchor.js';
import type { Correction, CorrectionAnchor, CorrectionInput } from './store.js';

export interface CorrectionRow {
  key: number | string;
  document_id: string;
  sentence_start: number;
  sentence_end: number;
  trigger_start: number;
  trigger_end: number;
  trigger_text: string;
  source_code: string | null;
  target_code: string | null;
  cluster_id: string;
  kind: Correction['kind'];
  fields: string;
  original: string;
  author: string;
  note: string | null;
  created_at: string;
}

export const CORRECTION_COLUMNS = 'document_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, source_code, target_code, cluster_id, kind, fields, original, author, note, created_at';

/** The values of CORRECTION_COLUMNS for a new correction, in order. */
export function correctionValues(input: CorrectionInput, at: string): unknown[] {
  const { anchor } = input;
  return [anchor.documentId, anchor.sentence.start, anchor.sentence.end, anchor.trigger.start, anchor.trigger.end, anchor.trigger.text, anchor.source, anchor.target, input.clusterId, input.kind, JSON.stringify(input.fields), JSON.stringify(input.original), input.author, input.note ?? null, at];
}

export function anchorOf(r: CorrectionRow): CorrectionAnchor {
  return { documentId: r.document_id, sentence: { start: r.sentence_start, end: r.sentence_end }, trigger: { start: r.trigger_start, end: r.trigger_end, text: r.trigger_text }, source: r.source_code, target: r.target_code };
}

/**
 * The row as a Correction: `current` is the event its anchor finds in the document's current coding and that
 * event's cluster (`clusterOf`), or null when recoding left no event there.
 */
export async function toCorrection(r: CorrectionRow, doc: CodedDocument | null, clusterOf: (documentId: string, eventId: string) => string | undefined | Promise<string | undefined>): Promise<Correction> {
  const anchor = anchorOf(r);
  const event = doc ? resolveAnchor(anchor, doc) : null;
  const cluster = event ? await clusterOf(r.document_id, event.id) : undefined;
  return {
    id: Number(r.key),
    anchor,
    clusterId: r.cluster_id,
    kind: r.kind,
    fields: JSON.parse(r.fields) as Correction['fields'],
    original: JSON.parse(r.original) as Correction['original'],
    author: r.author,
    ...(r.note !== null ? { note: r.note } : {}),
    at: r.created_at,
    current: event && cluster ? { eventId: event.id, clusterId: cluster } : null,
  };
}
