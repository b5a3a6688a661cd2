/**
 * The rows every exporter writes. The unit is the event cluster (docs/CODEBOOK.md §10): one real-world event
 * with every article sentence that reports it. A cluster's row takes its fields from the cluster's
 * representative report (its most specific mention), its counts from the cluster, and its DATEADDED and
 * source citation from its first report (the mention whose document was stored first). Mention rows (GDELT
 * mentions, `--per mention`) are each report's own coding, carrying its cluster's id and counts.
 *
 * Clusters are read from the store a page at a time (keyset paging), and the documents of their mentions
 * through a small cache, so memory stays bounded however large the database is. `asOf` reads the dataset
 * as it stood through `clustersAsOf` (which rebuilds that view in memory), each document in the coding it
 * had then.
 */
import type { CodedDocument } from '../core/contract.js';
import type { EventArgument, EventRecord, Place } from '../core/layers.js';
import { stableHash } from '../link/linker.js';
import type { ClusterMention, ClusterQuery, EventCluster, Store } from '../store/store.js';

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

/** The report a row comes from, and the cluster's first report (for DATEADDED and SOURCEURL). */
export interface ExportReport {
  documentId: string;
  storedAt: string;
  published: string | null;
  url?: string;
  publisher?: string;
  title?: string;
}

/** How a mention row's report joined its cluster (mention rows only). */
export interface ExportLink {
  /** The store's mention id. */
  mentionId: string;
  /** Whether this report is the cluster's representative (the row of the cluster takes its fields from it). */
  representative: boolean;
  partner: string | null;
  score: number;
  reason: string;
}

export interface ExportEvent {
  /** Integer id of the cluster (GLOBALEVENTID), derived from the cluster id: stable while the cluster id is. */
  globalId: number;
  /** The cluster id (`ev-…`), the id `herodotus events` and the HTTP API use. */
  clusterId: string;
  /** `documentId:eventId` of the report the row's fields come from (the representative, for a cluster row). */
  reportId: string;
  documentId: string;
  eventId: string;
  /** The event's own date (YYYY-MM-DD, YYYY-MM or YYYY) and its precision. */
  date: string;
  datePrecision: 'day' | 'month' | 'year';
  dateBasis: 'text' | 'published';
  /** When the report's document was stored. */
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
  /** The cluster's live counts (GDELT's NumMentions, NumSources, NumArticles) and distinct stories. */
  numMentions: number;
  numSources: number;
  numArticles: number;
  numStories: number;
  /** Publication dates of the cluster's first and latest report. */
  firstSeen: string;
  lastSeen: string;
  /** The cluster's first report: DATEADDED is when it was stored, SOURCEURL its URL or citation. */
  first: ExportReport;
  /** Mention rows only. */
  link?: ExportLink;
  /** An analyst's correction of the event (its values are already in the fields above); absent when none. */
  correction?: { kind: 'correct' | 'wrong'; author: string; at: string; fields: string[] };
}

/** An integer id for a cluster: 52 bits of the hash in its id (`ev-` + 16 hex digits), a safe JavaScript integer. */
export function clusterGlobalId(clusterId: string): number {
  const hex = /^ev-([0-9a-f]{13})/.exec(clusterId)?.[1] ?? stableHash(clusterId).slice(0, 13);
  return parseInt(hex, 16) || 1;
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

/** The row of one coded event of a document, before its cluster's id and counts are filled in. */
export function exportEventOf(doc: CodedDocument, ev: EventRecord, storedAt: string): Omit<ExportEvent, 'globalId' | 'clusterId' | 'numMentions' | 'numSources' | 'numArticles' | 'numStories' | 'firstSeen' | 'lastSeen' | 'first'> {
  const s = doc.sentences[ev.sentence];
  const source = actorOf(doc, ev.source);
  const target = actorOf(doc, ev.target);
  return {
    reportId: `${doc.id}:${ev.id}`,
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
  };
}

/** One cluster as the exporters see it: its row, and (when asked for) one row per mention, representative first. */
export interface ExportCluster {
  event: ExportEvent;
  mentions: ExportEvent[];
}

export interface ExportProgress {
  /** Event clusters read, of the total that match. */
  events: number;
  total: number;
  mentions: number;
}

export interface ExportSourceOptions {
  /** The dataset as it stood then (ISO date or date-time): documents stored by then, in the coding they had. */
  asOf?: string;
  /** Filters over clusters, as `herodotus events` takes them (its limit caps the clusters exported). */
  query?: ClusterQuery;
  /** Clusters read per store query. */
  pageSize?: number;
  /** Build the mention rows of each cluster (GDELT mentions, per-mention rows); otherwise `mentions` is empty. */
  mentions?: boolean;
  onProgress?: (progress: ExportProgress) => void;
}

/** Documents kept decoded between pages (a cluster's reports are often the next cluster's too). */
const DOCUMENT_CACHE = 256;

/** Reads the documents of mentions, current or as they stood at `asOf`, through a small LRU cache. */
function documentReader(store: Store, asOf: string | undefined): (documentId: string) => Promise<CodedDocument | null> {
  const cache = new Map<string, CodedDocument | null>();
  const bound = asOf ? asOfInstant(asOf) : undefined;
  return async (id) => {
    if (cache.has(id)) {
      const hit = cache.get(id) as CodedDocument | null;
      cache.delete(id);
      cache.set(id, hit);
      return hit;
    }
    let doc: CodedDocument | null;
    if (bound === undefined) doc = await store.getDocument(id);
    else {
      const then = (await store.codings(id)).filter((c) => c.codedAt <= bound && (c.supersededAt === null || c.supersededAt > bound));
      doc = then.at(-1)?.coded ?? null;
    }
    cache.set(id, doc);
    if (cache.size > DOCUMENT_CACHE) cache.delete(cache.keys().next().value as string);
    return doc;
  };
}

/** The end of an as-of date as an ISO instant (a bare date means the end of that day, UTC), as the store reads it. */
function asOfInstant(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `${asOf}T23:59:59.999Z`;
  const t = new Date(asOf);
  return Number.isNaN(t.getTime()) ? asOf : t.toISOString();
}

function report(doc: CodedDocument, storedAt: string): ExportReport {
  return {
    documentId: doc.id,
    storedAt,
    published: doc.published,
    ...(doc.url !== undefined ? { url: doc.url } : {}),
    ...(doc.source !== undefined ? { publisher: doc.source } : {}),
    ...(doc.title !== undefined ? { title: doc.title } : {}),
  };
}

type ReportRow = ReturnType<typeof exportEventOf>;

/**
 * A cluster's rows from its mentions and their documents; null when none of its reports can be read. Mention
 * rows are built only when asked for (the event-level formats read just the representative and first report).
 */
async function exportCluster(c: EventCluster, mentions: readonly ClusterMention[], read: (id: string) => Promise<CodedDocument | null>, withMentions: boolean): Promise<ExportCluster | null> {
  const rowOf = async (m: ClusterMention): Promise<{ row: ReportRow; doc: CodedDocument } | null> => {
    const doc = await read(m.documentId);
    const ev = doc?.events.find((e) => e.id === m.eventId);
    return doc && ev ? { row: exportEventOf(doc, ev, m.storedAt), doc } : null;
  };
  const repMention = mentions.find((m) => m.documentId === c.representative.documentId && m.eventId === c.representative.eventId) ?? mentions[0];
  if (!repMention) return null;
  let rep = await rowOf(repMention);
  const built = new Map<ClusterMention, { row: ReportRow; doc: CodedDocument } | null>([[repMention, rep]]);
  for (let i = 0; !rep && i < mentions.length; i++) {
    if (!built.has(mentions[i])) built.set(mentions[i], (rep = await rowOf(mentions[i])));
  }
  if (!rep) return null;
  // The first report: the mention whose document was stored first (ties: the representative, then listing order).
  const firstMention = mentions.reduce((a, m) => (m.storedAt < a.storedAt ? m : a), repMention);
  const firstDoc = firstMention === repMention ? rep.doc : ((await read(firstMention.documentId)) ?? rep.doc);
  const shared = {
    globalId: clusterGlobalId(c.id),
    clusterId: c.id,
    numMentions: c.numMentions,
    numSources: c.numSources,
    numArticles: c.numArticles,
    numStories: c.numStories,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
    first: report(firstDoc, firstMention.storedAt),
  };
  const repRow = rep.row;
  const rows: ExportEvent[] = [];
  if (withMentions) {
    for (const m of mentions) {
      const r = built.has(m) ? built.get(m) : await rowOf(m);
      if (!r) continue;
      rows.push(withCorrection({ ...r.row, ...shared, link: { mentionId: m.mentionId, representative: r.row === repRow, partner: m.partner, score: m.score, reason: m.reason } }, c));
    }
  }
  // The cluster's fields are its representative's; its PLOVER contexts are those of every mention.
  return { event: withCorrection({ ...repRow, ...shared, plover: { ...repRow.plover, contexts: [...c.plover.contexts] } }, c), mentions: rows };
}

/** A corrected actor as an export actor: country and sectors read from its code. */
function correctedActor(actor: { code: string; name?: string } | null): ExportActor | null {
  return actor ? { code: actor.code, name: actor.name ?? '', ...splitCode(actor.code) } : null;
}

/**
 * A row of a cluster read through the corrected view (src/corrections/view.ts): the corrected fields take
 * the correction's values (a corrected actor's place in the sentence is no longer known), and `correction`
 * flags the row. Rows of uncorrected clusters are returned as they are.
 */
function withCorrection(row: ExportEvent, c: EventCluster): ExportEvent {
  const k = c.correction;
  if (!k) return row;
  const has = new Set<string>(k.fields);
  const place = c.place;
  return {
    ...row,
    ...(has.has('cameo') ? { cameo: { ...c.cameo } } : {}),
    ...(has.has('plover') ? { plover: { type: c.plover.type, ...(c.plover.mode ? { mode: c.plover.mode } : {}), contexts: [...row.plover.contexts] } } : {}),
    ...(has.has('source') ? { source: correctedActor(c.source), sourcePlace: null } : {}),
    ...(has.has('target') ? { target: correctedActor(c.target), targetPlace: null } : {}),
    ...(has.has('date') ? { date: c.date.value, datePrecision: c.date.precision as ExportEvent['datePrecision'] } : {}),
    ...(has.has('place') ? { place: place && place.lat !== null && place.lon !== null ? { name: place.name, country: place.country, lat: place.lat, lon: place.lon } : null } : {}),
    correction: { kind: k.kind, author: k.author, at: k.at, fields: [...k.fields] },
  };
}

/**
 * Every matching event cluster with its mention rows, by event date then cluster id, streamed a page of
 * clusters at a time (or, with `asOf`, from the as-of view the store rebuilds).
 */
export async function* exportClusters(store: Store, options: ExportSourceOptions = {}): AsyncGenerator<ExportCluster> {
  const { limit, ...filters } = options.query ?? {};
  const pageSize = Math.max(1, options.pageSize ?? 200);
  const read = documentReader(store, options.asOf);
  const progress: ExportProgress = { events: 0, total: 0, mentions: 0 };
  const cap = limit && limit > 0 ? limit : Infinity;
  const emit = async function* (c: EventCluster, mentions: readonly ClusterMention[]): AsyncGenerator<ExportCluster> {
    progress.events++;
    const out = await exportCluster(c, mentions, read, options.mentions ?? false);
    if (!out) return;
    progress.mentions += mentions.length;
    yield out;
  };
  if (options.asOf) {
    const clusters = await store.clustersAsOf(options.asOf, filters);
    const list = clusters.slice(0, Math.min(cap, clusters.length));
    progress.total = list.length;
    const byCluster = new Map<string, ClusterMention[]>();
    if (list.length > 0) {
      for (const m of await store.clusterMentionsAsOf(options.asOf, filters)) byCluster.set(m.clusterId, [...(byCluster.get(m.clusterId) ?? []), m]);
    }
    for (let i = 0; i < list.length; i++) {
      yield* emit(list[i], byCluster.get(list[i].id) ?? []);
      if ((i + 1) % pageSize === 0) options.onProgress?.({ ...progress });
    }
    options.onProgress?.({ ...progress });
    return;
  }
  progress.total = Math.min(cap, await store.countClusters(filters));
  let after: ClusterQuery['after'];
  while (progress.events < progress.total) {
    const page = await store.clusters({ ...filters, ...(after ? { after } : {}), limit: Math.min(pageSize, progress.total - progress.events) });
    if (page.length === 0) break;
    for (const c of page) {
      after = { date: c.date.value, id: c.id };
      yield* emit(c, await store.clusterMentions(c.id));
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
