/**
 * The evidence of each mention of an event, for GET /events/{id}: the spans (UTF-16, half-open, in the
 * document's text) of the sentence and of the fields coded from it — trigger, source, target, date, place —
 * and the document's title, so a reader sees in the sentence exactly which words each field comes from.
 */
import type { CodedDocument } from '../core/contract.js';
import type { ClusterMention, Store } from '../store/store.js';

export type EvidenceRole = 'trigger' | 'source' | 'target' | 'date' | 'place';

export interface EvidenceSpan {
  role: EvidenceRole;
  start: number;
  end: number;
  text: string;
}

export interface MentionEvidence extends ClusterMention {
  title: string | null;
  /** Where `evidence` (the sentence) starts and ends in the document's text. */
  sentenceStart: number;
  sentenceEnd: number;
  /** The coded fields' spans inside the sentence, in document offsets, by start. */
  spans: EvidenceSpan[];
}

/** The spans of one event of a document inside its sentence (fields whose words lie outside it are left out). */
export function evidenceSpans(doc: CodedDocument, eventId: string): { sentence: { start: number; end: number }; spans: EvidenceSpan[] } | null {
  const ev = doc.events.find((e) => e.id === eventId);
  const sentence = ev ? doc.sentences[ev.sentence] : undefined;
  if (!ev || !sentence) return null;
  const spans: EvidenceSpan[] = [];
  const add = (role: EvidenceRole, start: number | undefined, end: number | undefined): void => {
    if (start === undefined || end === undefined || start < sentence.start || end > sentence.end || end <= start) return;
    spans.push({ role, start, end, text: doc.text.slice(start, end) });
  };
  add('trigger', ev.trigger.start, ev.trigger.end);
  add('source', ev.source?.start, ev.source?.end);
  add('target', ev.target?.start, ev.target?.end);
  const date = ev.date.dateId ? doc.dates.find((d) => d.id === ev.date.dateId) : undefined;
  add('date', date?.start, date?.end);
  const place = ev.place?.placeId ? doc.places.find((p) => p.id === ev.place?.placeId) : undefined;
  add('place', place?.start, place?.end);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { sentence: { start: sentence.start, end: sentence.end }, spans };
}

export async function eventEvidence(store: Store, mentions: readonly ClusterMention[]): Promise<MentionEvidence[]> {
  const docs = new Map<string, CodedDocument | null>();
  const out: MentionEvidence[] = [];
  for (const m of mentions) {
    if (!docs.has(m.documentId)) docs.set(m.documentId, await store.getDocument(m.documentId));
    const doc = docs.get(m.documentId) ?? null;
    const found = doc ? evidenceSpans(doc, m.eventId) : null;
    out.push({ ...m, title: doc?.title ?? null, sentenceStart: found?.sentence.start ?? 0, sentenceEnd: found?.sentence.end ?? m.evidence.length, spans: found?.spans ?? [] });
  }
  return out;
}
