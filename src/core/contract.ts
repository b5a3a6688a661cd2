/**
 * The output contract (see ARCHITECTURE.md): stable field names; fields may be added, never renamed.
 * Spans are flat `start`/`end` numbers in UTF-16 code units, half-open.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Doc } from './document.js';
import type { Actor, DateMention, DocumentContext, Entity, EventRecord, IssueMention, Place, Quantity, Quote, StatedRole } from './layers.js';

export interface CodedDocument {
  id: string;
  published: string | null;
  language: string;
  source?: string;
  url?: string;
  title?: string;
  text: string;
  dateline?: { text: string; start: number; end: number; placeId?: string };
  sentences: Array<{ start: number; end: number }>;
  entities: Entity[];
  actors: Actor[];
  /** Roles the story states for persons (title, country, sectors): what the actor store learns from it. */
  roles: StatedRole[];
  dates: DateMention[];
  places: Place[];
  quantities: Quantity[];
  quotes: Quote[];
  events: EventRecord[];
  /** PLOVER contexts of the whole document with their trigger words (added with the events stage; absent in older output). */
  contexts?: DocumentContext[];
  /** Issue codes from imported PETRARCH issue dictionaries (present only when one is loaded). */
  issues?: IssueMention[];
  /** What imported discard dictionaries kept out of event coding (present only when something was discarded). */
  discarded?: { story: boolean; sentences: number[]; phrases: string[] };
  diagnostics: Diagnostic[];
}

/** Builds the contract object from a document; layers no stage wrote come out as empty arrays. */
export function toCoded(doc: Doc): CodedDocument {
  const language = doc.getOr('language', { code: 'und', iso6393: 'und', confidence: 0, prov: { stage: 'language', version: '0' } });
  const dateline = doc.getOr('dateline', null);
  const places = doc.getOr('places', []);
  // The dateline's place is the place record resolved inside the dateline span, once places exist.
  const datelinePlace = dateline ? places.find((p) => p.start >= dateline.start && p.end <= dateline.end) : undefined;
  const out: CodedDocument = {
    id: doc.meta.id,
    published: doc.meta.published ?? null,
    language: language.code,
    ...(doc.meta.source !== undefined ? { source: doc.meta.source } : {}),
    ...(doc.meta.url !== undefined ? { url: doc.meta.url } : {}),
    ...(doc.meta.title !== undefined ? { title: doc.meta.title } : {}),
    text: doc.text,
    ...(dateline
      ? { dateline: { text: dateline.text, start: dateline.start, end: dateline.end, ...(datelinePlace ? { placeId: datelinePlace.id } : {}) } }
      : {}),
    sentences: doc.getOr('sentences', []).map((s) => ({ start: s.start, end: s.end })),
    entities: withClusters(doc),
    actors: [...doc.getOr('actors', [])],
    roles: [...doc.getOr('roles', [])],
    dates: [...doc.getOr('dates', [])],
    places: [...doc.getOr('places', [])],
    quantities: [...doc.getOr('quantities', [])],
    quotes: withSpeakers(doc),
    events: [...doc.getOr('events', [])],
    ...(doc.has('contexts') ? { contexts: [...doc.get('contexts')] } : {}),
    ...(doc.has('issues') ? { issues: [...doc.get('issues')] } : {}),
    ...(doc.has('discards') && (doc.get('discards').story || doc.get('discards').sentences.length > 0)
      ? { discarded: { story: doc.get('discards').story, sentences: [...doc.get('discards').sentences], phrases: doc.get('discards').matches.map((m) => m.phrase) } }
      : {}),
    diagnostics: [...doc.diagnostics],
  };
  return out;
}

/** Entities carry the coreference cluster of their mention (the mentions layer is written after entities). */
function withClusters(doc: Doc): Entity[] {
  const entities = doc.getOr('entities', []);
  const mentions = doc.getOr('mentions', []);
  if (mentions.length === 0) return [...entities];
  const clusterOf = new Map<string, string>();
  for (const m of mentions) if (m.entity !== undefined) clusterOf.set(m.entity, m.cluster);
  return entities.map((e) => {
    const cluster = clusterOf.get(e.id);
    return cluster === undefined || e.cluster !== undefined ? e : { ...e, cluster };
  });
}

/** Quotes carry their speaker's actor id (the speakers layer is written after quotes, by the actors stage). */
function withSpeakers(doc: Doc): Quote[] {
  const quotes = doc.getOr('quotes', []);
  const speakers = doc.getOr('speakers', []);
  if (speakers.length === 0) return [...quotes];
  const actorOf = new Map(speakers.map((s) => [s.quote, s.actor] as const));
  return quotes.map((q) => {
    const actor = actorOf.get(q.id);
    return actor === undefined || q.speaker !== undefined ? q : { ...q, speaker: actor };
  });
}
