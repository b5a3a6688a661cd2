/**
 * The rows every exporter writes: one per coded event of the stored documents, with the document's
 * metadata, the actors' and places' details and the evidence sentence resolved. Read from the store a page
 * of documents at a time, so memory stays bounded however large the database is.
 *
 * Until cross-document linking lands in the store, each coded event record is its own event with one
 * mention (the sentence that states it): NumMentions counts 1, NumSources and NumArticles 1.
 */
import type { CodedDocument } from '../core/contract.js';
import type { EventArgument, EventRecord, Place } from '../core/layers.js';
import type { Store } from '../store/store.js';

export interface ExportActor {
  /** CAMEO actor code as coded (country block then sector blocks; `---` for an unknown block). */
  code: string;
  name: string;
  /** ISO 3166-1 alpha-3, an international-actor block such as IGO, or ''. */
  country: string;
  sectors: string[];
  title?: string;
  /** Where the actor's words start in the document text (UTF-16 code units), when known. */
  start?: number;
}

export interface ExportPlace {
  name: string;
  /** The words of the text that name it. */
  text?: string;
  start?: number;
  /** ISO 3166-1 alpha-3. */
  country: string;
  admin1?: string;
  lat: number;
  lon: number;
  geonameId?: number;
  featureCode?: string;
}

export interface ExportEvent {
  /** Integer id, stable while the document stays stored: document key × 10 000 + the event's position + 1. */
  globalId: number;
  /** `documentId:eventId`, the id the HTTP API uses. */
  id: string;
  documentKey: number;
  documentId: string;
  eventId: string;
  /** The event's own date (YYYY-MM-DD, YYYY-MM or YYYY) and its precision. */
  date: string;
  datePrecision: 'day' | 'month' | 'year';
  dateBasis: 'text' | 'published';
  storedAt: string;
  published: string | null;
  url?: string;
  publisher?: string;
  title?: string;
  language: string;
  textLength: number;
  /** Zero-based sentence index, the sentence's text and span. */
  sentence: number;
  sentenceText: string;
  sentenceStart: number;
  sentenceEnd: number;
  trigger: { text: string; start: number; end: number };
  source: ExportActor | null;
  target: ExportActor | null;
  /** The place nearest each actor's words in the event's sentence (GDELT's actor geography). */
  sourcePlace: ExportPlace | null;
  targetPlace: ExportPlace | null;
  place: ExportPlace | null;
  cameo: { code: string; root: string; quadClass: number; goldstein: number };
  plover: { type: string; mode?: string; contexts: string[] };
  size: { dead?: number; injured?: number; arrested?: number; participants?: number };
  modality: { negated: boolean; future: boolean; hypothetical: boolean };
  confidence: number;
  rule: string;
  coder: string;
  numMentions: number;
  numSources: number;
  numArticles: number;
}

/** Documents have fewer events than this; the integer event id packs the document key and the position. */
export const EVENTS_PER_DOCUMENT = 10_000;

export function globalEventId(documentKey: number, index: number): number {
  return documentKey * EVENTS_PER_DOCUMENT + index + 1;
}

/** The country and sector blocks of a CAMEO actor code (`USAGOV` → USA, [GOV]; `---GOV` → '', [GOV]). */
function splitCode(code: string): { country: string; sectors: string[] } {
  const blocks = code.match(/.{1,3}/g) ?? [];
  const first = blocks[0] ?? '';
  return { country: /^[A-Z]{3}$/.test(first) ? first : '', sectors: blocks.slice(1).filter((b) => /^[A-Z]{3}$/.test(b)) };
}

function actorOf(doc: CodedDocument, arg: EventArgument | null): ExportActor | null {
  if (!arg) return null;
  const actor = arg.actor ? doc.actors.find((a) => a.id === arg.actor) : undefined;
  const split = splitCode(arg.code);
  return {
    code: arg.code,
    name: arg.name ?? actor?.name ?? arg.text ?? '',
    country: actor?.country || split.country,
    sectors: actor ? [...actor.sectors] : split.sectors,
    ...(actor?.title ? { title: actor.title } : {}),
    ...(arg.start !== undefined ? { start: arg.start } : {}),
  };
}

function fromPlace(p: Place): ExportPlace {
  return {
    name: p.name,
    text: p.text,
    start: p.start,
    country: p.country,
    ...(p.admin1 ? { admin1: p.admin1 } : {}),
    lat: p.lat,
    lon: p.lon,
    ...(p.geonameId !== undefined ? { geonameId: p.geonameId } : {}),
    ...(p.featureCode ? { featureCode: p.featureCode } : {}),
  };
}

function eventPlace(doc: CodedDocument, ev: EventRecord): ExportPlace | null {
  if (!ev.place) return null;
  const known = ev.place.placeId ? doc.places.find((p) => p.id === ev.place?.placeId) : undefined;
  if (known) return fromPlace(known);
  return { name: ev.place.name, country: ev.place.country, lat: ev.place.lat, lon: ev.place.lon };
}

/** The place named nearest the actor's words inside the sentence, if the sentence names one. */
function nearestPlace(doc: CodedDocument, sentence: { start: number; end: number } | undefined, at: number | undefined): ExportPlace | null {
  if (!sentence || at === undefined) return null;
  let best: Place | undefined;
  for (const p of doc.places) {
    if (p.start < sentence.start || p.end > sentence.end) continue;
    if (!best || Math.abs(p.start - at) < Math.abs(best.start - at)) best = p;
  }
  return best ? fromPlace(best) : null;
}

/** The export rows of one stored document, in the order its events were coded. */
export function exportEventsOf(doc: CodedDocument, documentKey: number, storedAt: string): ExportEvent[] {
  return doc.events.map((ev, index) => {
    const s = doc.sentences[ev.sentence];
    const source = actorOf(doc, ev.source);
    const target = actorOf(doc, ev.target);
    return {
      globalId: globalEventId(documentKey, index),
      id: `${doc.id}:${ev.id}`,
      documentKey,
      documentId: doc.id,
      eventId: ev.id,
      date: ev.date.value,
      datePrecision: ev.date.precision,
      dateBasis: ev.date.basis,
      storedAt,
      published: doc.published,
      ...(doc.url !== undefined ? { url: doc.url } : {}),
      ...(doc.source !== undefined ? { publisher: doc.source } : {}),
      ...(doc.title !== undefined ? { title: doc.title } : {}),
      language: doc.language,
      textLength: doc.text.length,
      sentence: ev.sentence,
      sentenceText: s ? doc.text.slice(s.start, s.end) : '',
      sentenceStart: s?.start ?? ev.trigger.start,
      sentenceEnd: s?.end ?? ev.trigger.end,
      trigger: { text: ev.trigger.text, start: ev.trigger.start, end: ev.trigger.end },
      source,
      target,
      sourcePlace: nearestPlace(doc, s, source?.start),
      targetPlace: nearestPlace(doc, s, target?.start),
      place: eventPlace(doc, ev),
      cameo: { ...ev.cameo },
      plover: { type: ev.plover.type, ...(ev.plover.mode ? { mode: ev.plover.mode } : {}), contexts: [...ev.plover.contexts] },
      size: { ...(ev.size ?? {}) },
      modality: { ...ev.modality },
      confidence: ev.confidence,
      rule: ev.rule,
      coder: ev.coder,
      numMentions: 1,
      numSources: 1,
      numArticles: 1,
    };
  });
}

export interface ExportProgress {
  documents: number;
  /** Documents to read (as of the export's date). */
  total: number;
  events: number;
}

export interface ExportSourceOptions {
  /** The dataset as it stood: only documents stored at or before this ISO date or date-time. */
  asOf?: string;
  /** Documents read per store query. */
  pageSize?: number;
  onProgress?: (progress: ExportProgress) => void;
}

/** Every stored event as an export row, in storage order, streamed a page of documents at a time. */
export async function* exportEvents(store: Store, options: ExportSourceOptions = {}): AsyncGenerator<ExportEvent> {
  const total = await store.countDocuments(options.asOf ? { asOf: options.asOf } : {});
  const progress: ExportProgress = { documents: 0, total, events: 0 };
  let afterKey = 0;
  for (;;) {
    const page = await store.documentPage({ afterKey, limit: options.pageSize ?? 200, ...(options.asOf ? { asOf: options.asOf } : {}) });
    if (page.length === 0) break;
    for (const stored of page) {
      afterKey = stored.key;
      for (const row of exportEventsOf(stored.coded, stored.key, stored.storedAt)) {
        progress.events++;
        yield row;
      }
      progress.documents++;
    }
    options.onProgress?.({ ...progress });
  }
  options.onProgress?.({ ...progress });
}

/** YYYY-MM-DD for an event date of any precision (the first day of a month or year). */
export function dayOf(date: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return '';
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}

/** An ISO date-time as YYYYMMDDHHMMSS (GDELT's DATEADDED). */
export function compactTimestamp(iso: string): string {
  const digits = iso.replace(/\D/g, '');
  return (digits + '00000000000000').slice(0, 14);
}
