/**
 * What both store adapters share between their rows and the store interface: the mapping of a cluster row
 * and of a mention row, the stored document JSON, and the small rules every adapter must apply alike
 * (which country an actor code names, which outlet a story counts as, how an as-of bound reads).
 */
import type { CodedDocument } from '../core/contract.js';
import type { LinkMention } from '../link/mention.js';
import { VERSION } from '../version.js';
import { StoreError, type CoderVersion, type CodingRecord, type EventCluster, type FeedState } from './store.js';

/** The coder recorded when a caller names none: the package version alone. */
export const PACKAGE_CODER: CoderVersion = { fingerprint: `herodotus-${VERSION}`, descriptor: { herodotus: VERSION } };

/** A flag column: SQLite keeps 0/1, PostgreSQL a boolean. */
export type Flag = number | boolean;
const isSet = (flag: Flag): boolean => flag === true || flag === 1;

/** The country part of an event's actor code, as the events table keeps it (`---` included). */
export function eventCountryOf(code: string | undefined | null): string | null {
  return code && /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : null;
}

/** The country part of a cluster's actor code (an unknown country, `---`, names none). */
export function actorCountryOf(code: string | undefined | null): string | null {
  return code && /^[A-Z]{3}/.test(code) && !code.startsWith('---') ? code.slice(0, 3) : null;
}

/** A LIKE pattern's wildcards made literal (used with `ESCAPE '\'`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The outlet a document counts as when it stands alone: its source, else its URL's host, else itself. */
export function outletOf(doc: { id: string; source: string | null; url: string | null }): string {
  if (doc.source) return doc.source;
  if (doc.url) {
    try {
      return new URL(doc.url).host || `story:${doc.id}`;
    } catch {
      /* not a URL */
    }
  }
  return `story:${doc.id}`;
}

/** The order that picks a story's original among syndicated copies: earliest published, then smallest id, then content hash. */
export function storyOrder(a: { id: string; published: string | null; hash: string }, b: { id: string; published: string | null; hash: string }): number {
  return (a.published ?? '9999').localeCompare(b.published ?? '9999') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.hash.localeCompare(b.hash);
}

/** Documents stored by older versions lack layers added since (actors, roles …): they read as empty. */
export function withAllLayers(doc: CodedDocument): CodedDocument {
  const out = { ...doc } as unknown as Record<string, unknown>;
  for (const layer of ['sentences', 'entities', 'actors', 'roles', 'dates', 'places', 'quantities', 'quotes', 'events', 'diagnostics']) {
    if (!Array.isArray(out[layer])) out[layer] = [];
  }
  return out as unknown as CodedDocument;
}

/** The output-contract object of a stored row (text kept apart from the JSON of the other fields). */
export function codedFromRow(row: { text: string; coded_json: string }): CodedDocument {
  const rest = JSON.parse(row.coded_json) as Omit<CodedDocument, 'text'>;
  const { id, published, language, source, url, title, ...layers } = rest;
  return withAllLayers({ id, published, language, ...(source !== undefined ? { source } : {}), ...(url !== undefined ? { url } : {}), ...(title !== undefined ? { title } : {}), text: row.text, ...layers });
}

/** A stored coding's JSON with the document's text put back, fields in stored order (earlier codings, as-of). */
export function withText(text: string, json: string): CodedDocument {
  const rest = JSON.parse(json) as Omit<CodedDocument, 'text'>;
  return { ...rest, text } as CodedDocument;
}

/** The end of `asOf` as a comparable timestamp: a bare date means the end of that day (UTC). */
export function asOfBound(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `${asOf}T23:59:59.999Z`;
  const t = new Date(asOf);
  if (Number.isNaN(t.getTime())) throw new StoreError('BAD_QUERY', `as-of "${asOf}" is not an ISO 8601 date or date-time`);
  return t.toISOString();
}

/** A clusters row joined with its representative's document, event id and evidence. */
export interface ClusterRow {
  cluster_id: string;
  cameo_code: string;
  cameo_root: string;
  quad_class: number;
  goldstein: number;
  plover_type: string;
  plover_mode: string | null;
  plover_contexts: string;
  source_code: string | null;
  source_name: string | null;
  target_code: string | null;
  target_name: string | null;
  event_date: string;
  date_precision: string;
  place_name: string | null;
  place_country: string | null;
  lat: number | null;
  lon: number | null;
  negated: Flag;
  future: Flag;
  hypothetical: Flag;
  num_mentions: number;
  num_sources: number;
  num_articles: number;
  num_stories: number;
  first_seen: string | null;
  last_seen: string | null;
  rep_document: string;
  rep_event: string;
  rep_evidence: string;
}

export function toCluster(r: ClusterRow): EventCluster {
  return {
    id: r.cluster_id,
    cameo: { code: r.cameo_code, root: r.cameo_root, quadClass: r.quad_class, goldstein: r.goldstein },
    plover: { type: r.plover_type, ...(r.plover_mode ? { mode: r.plover_mode } : {}), contexts: r.plover_contexts ? r.plover_contexts.split(',') : [] },
    source: r.source_code ? { code: r.source_code, ...(r.source_name ? { name: r.source_name } : {}) } : null,
    target: r.target_code ? { code: r.target_code, ...(r.target_name ? { name: r.target_name } : {}) } : null,
    date: { value: r.event_date, precision: r.date_precision },
    place: r.place_name !== null && r.place_country !== null ? { name: r.place_name, country: r.place_country, lat: r.lat, lon: r.lon } : null,
    modality: { negated: isSet(r.negated), future: isSet(r.future), hypothetical: isSet(r.hypothetical) },
    numMentions: r.num_mentions,
    numSources: r.num_sources,
    numArticles: r.num_articles,
    numStories: r.num_stories,
    firstSeen: r.first_seen ?? '',
    lastSeen: r.last_seen ?? '',
    representative: { documentId: r.rep_document, eventId: r.rep_event, evidence: r.rep_evidence },
  };
}

/** A mention row joined with its event and document: what linking reads back. */
export interface MentionRow {
  id: string;
  documentId: string;
  published: string | null;
  sentence: number;
  source_code: string | null;
  source_name: string | null;
  target_code: string | null;
  target_name: string | null;
  cameo_code: string;
  cameo_root: string;
  plover_type: string;
  negated: Flag;
  future: Flag;
  hypothetical: Flag;
  event_date: string;
  date_precision: string;
  date_basis: string;
  place_name: string | null;
  place_country: string | null;
  lat: number | null;
  lon: number | null;
  place_level: string | null;
}

export function rowToMention(r: MentionRow): LinkMention {
  return {
    id: r.id,
    documentId: r.documentId,
    published: r.published,
    sentence: r.sentence,
    source: r.source_code,
    sourceName: r.source_name,
    target: r.target_code,
    targetName: r.target_name,
    cameo: r.cameo_code,
    root: r.cameo_root,
    plover: r.plover_type,
    negated: isSet(r.negated),
    future: isSet(r.future),
    hypothetical: isSet(r.hypothetical),
    date: r.event_date,
    precision: r.date_precision as LinkMention['precision'],
    basis: r.date_basis as LinkMention['basis'],
    place:
      r.place_name !== null && r.place_country !== null
        ? { name: r.place_name, country: r.place_country, lat: r.lat, lon: r.lon, level: (r.place_level ?? 'site') as 'site' | 'region' | 'country' }
        : null,
  };
}

/** A row of the feeds table (schema v5), the same in both stores. */
export interface FeedRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_poll: string | null;
  last_status: string | null;
  last_ok: string | null;
  items_seen: number;
  items_stored: number;
  errors: number;
  consecutive_errors: number;
  last_error: string | null;
}

export function feedOf(r: FeedRow): FeedState {
  return {
    url: r.url,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPoll: r.last_poll,
    lastStatus: r.last_status,
    lastOk: r.last_ok,
    itemsSeen: r.items_seen,
    itemsStored: r.items_stored,
    errors: r.errors,
    consecutiveErrors: r.consecutive_errors,
    lastError: r.last_error,
  };
}

/** A document's current coding row, with its coder (both adapters select these columns for `codings`). */
export interface CurrentCodingRow {
  id: string;
  text: string;
  coded_json: string;
  coder_version: string;
  coded_at: string | null;
  stored_at: string;
  fingerprint: string | null;
  descriptor: string | null;
}

/** A superseded coding row of the `codings` table, with its coder. */
export interface EarlierCodingRow {
  coded_json: string;
  coder_version: string;
  coded_at: string;
  superseded_at: string;
  fingerprint: string | null;
  descriptor: string | null;
}

/** A document's codings, oldest first and the current one last, from its rows. */
export function codingRecords(doc: CurrentCodingRow, earlier: readonly EarlierCodingRow[]): CodingRecord[] {
  const coder = (f: string | null, d: string | null): CodingRecord['coder'] => (f && d ? { fingerprint: f, descriptor: JSON.parse(d) as Record<string, unknown> } : null);
  const out: CodingRecord[] = earlier.map((c, i) => {
    const coded = withText(doc.text, c.coded_json);
    return { documentId: doc.id, coding: i + 1, current: false, coderVersion: c.coder_version, coder: coder(c.fingerprint, c.descriptor), codedAt: c.coded_at, supersededAt: c.superseded_at, events: coded.events.length, coded };
  });
  const current = withText(doc.text, doc.coded_json);
  out.push({ documentId: doc.id, coding: out.length + 1, current: true, coderVersion: doc.coder_version, coder: coder(doc.fingerprint, doc.descriptor), codedAt: doc.coded_at ?? doc.stored_at, supersededAt: null, events: current.events.length, coded: current });
  return out;
}
