/**
 * The store interface, implemented by the SQLite store (src/store/sqlite/) and the PostgreSQL store
 * (src/store/postgres/); both pass one conformance suite (src/store/conformance/). Methods are async for
 * the PostgreSQL store's sake.
 */
import type { CodedDocument } from '../core/contract.js';

export interface DocumentProvenance {
  /** sha256 of the document text: the identity used for idempotent ingest. */
  contentHash: string;
  /** Where it came from (path, path:line, url). */
  origin?: string;
  /** What coded it (models, patterns, dictionaries); see src/pipeline/coder.ts. Defaults to the package version. */
  coder?: CoderVersion;
}

/** The coder that produced a coding: a short fingerprint and what it is made of. */
export interface CoderVersion {
  /** sha256 prefix of the descriptor: equal fingerprints, equal coders. */
  fingerprint: string;
  /** Herodotus version, stage versions, model versions and hashes, data and dictionary hashes. */
  descriptor: Record<string, unknown>;
}

export type SaveOutcome =
  | { stored: true; documentKey: number; events: number }
  | { stored: false; reason: 'duplicate-hash' | 'duplicate-url'; existingId: string };

export interface EventQuery {
  /** Inclusive ISO dates (YYYY-MM-DD, or a prefix such as 2024-01). */
  from?: string;
  to?: string;
  /** ISO 3166-1 alpha-3 code matched against source, target and place countries. */
  country?: string;
  /** Matched against source and target codes and names (substring, case-insensitive). */
  actor?: string;
  /** CAMEO code prefix, e.g. 04 or 043. */
  cameo?: string;
  limit?: number;
}

export interface StoredEvent {
  documentId: string;
  eventId: string;
  date: string;
  datePrecision: string;
  sourceCode: string | null;
  sourceName: string | null;
  targetCode: string | null;
  targetName: string | null;
  cameo: string;
  quadClass: number;
  goldstein: number;
  plover: string;
  placeName: string | null;
  placeCountry: string | null;
  trigger: string;
  rule: string;
  confidence: number;
}

/**
 * Filters over event clusters (all optional, combined with AND). Used by `events`, `stats` and the HTTP API.
 */
export interface ClusterQuery {
  /** Inclusive event dates (YYYY-MM-DD, or a prefix such as 2024-01). */
  from?: string;
  to?: string;
  /** ISO 3166-1 alpha-3 code matched against source, target and place countries. */
  country?: string;
  /** Source or target actor: a substring of the code (USAGOV, MEX) or of the name, case-insensitive. */
  actor?: string;
  /** ISO 3166-1 alpha-3 code matched against source and target actor countries only. */
  actorCountry?: string;
  /** CAMEO code prefix: a root (04) or a code (043). */
  cameo?: string;
  /** QuadClass 1–4. */
  quadClass?: number;
  /** PLOVER event type, e.g. CONSULT (case-insensitive). */
  plover?: string;
  /** PLOVER context, e.g. migration: clusters with a mention in that context. */
  context?: string;
  /** Place: an ISO alpha-3 country code (three letters) or a substring of the place name. */
  place?: string;
  /** Full-text query in SQLite FTS5 syntax over the evidence sentences of the cluster's mentions, e.g. `Blinken AND border` (PostgreSQL: no NEAR or ^). */
  search?: string;
  /** Only clusters reported at least this many times. */
  minMentions?: number;
  /** Keyset paging: only clusters after this one in the listing order (event date, then id). */
  after?: { date: string; id: string };
  /** Only these clusters (by id). */
  ids?: readonly string[];
  limit?: number;
}

/** One real-world event: the cluster of every mention that reports it, with live counts. */
export interface EventCluster {
  /** Stable while its earliest-named member stays (`ev-` + hash). */
  id: string;
  cameo: { code: string; root: string; quadClass: number; goldstein: number };
  plover: { type: string; mode?: string; contexts: string[] };
  source: { code: string; name?: string } | null;
  target: { code: string; name?: string } | null;
  date: { value: string; precision: string };
  place: { name: string; country: string; lat: number | null; lon: number | null } | null;
  modality: { negated: boolean; future: boolean; hypothetical: boolean };
  /** Event mentions (article sentences) in the cluster. */
  numMentions: number;
  /** Distinct outlets, a syndicated copy counting as its original's outlet. */
  numSources: number;
  /** Distinct articles, a syndicated reprint counting once with its original (GDELT counts every copy). */
  numArticles: number;
  /** Distinct stories (syndicated near-copies grouped); the same as numArticles, kept for clarity in exports. */
  numStories: number;
  /** Publication dates of the first and latest report. */
  firstSeen: string;
  lastSeen: string;
  /** The report the cluster's fields come from (its most specific mention). */
  representative: { documentId: string; eventId: string; evidence: string };
  /**
   * An analyst's correction in force, when the cluster is read through the corrected view
   * (src/corrections/view.ts): the fields above then hold the corrected values and `coded` the coder's.
   * Stores themselves never set it.
   */
  correction?: AppliedCorrection;
}

/** A correction as it shows on an event: who made it, when, and what the coder had said. */
export interface AppliedCorrection {
  id: number;
  kind: 'correct' | 'wrong';
  author: string;
  at: string;
  note?: string;
  /** The corrected fields (names as in CorrectedFields). */
  fields: Array<keyof CorrectedFields>;
  /** The coded values of the event, before the correction was applied. */
  coded: Pick<EventCluster, 'cameo' | 'plover' | 'source' | 'target' | 'date' | 'place'>;
}

/** One mention of a cluster, with the linking decision that put it there. */
export interface ClusterMention {
  clusterId: string;
  mentionId: string;
  documentId: string;
  eventId: string;
  sentence: number;
  evidence: string;
  published: string | null;
  /** Outlet as stored for the document, and the outlet it counts as (its syndication group's original). */
  outlet: string | null;
  countedOutlet: string;
  /** Syndication group (story) id, and the document this one is a near-copy of, if any. */
  story: string;
  copyOf: string | null;
  cameo: string;
  sourceCode: string | null;
  targetCode: string | null;
  date: string;
  datePrecision: string;
  dateBasis: string;
  placeName: string | null;
  /** Linking decision: the member it joined through, score in [0, 1], reason. */
  partner: string | null;
  score: number;
  reason: string;
  /** Coder fingerprint of the document's current coding, and the events stage's own id. */
  coder: string | null;
  rule: string;
  /** When the mention's document was stored (ISO 8601 date-time, UTC). */
  storedAt: string;
}

export type Period = 'day' | 'week' | 'month' | 'year';
export type Grouping = 'none' | 'dyad' | 'quadclass' | 'root' | 'plover';

export interface AggregateQuery extends ClusterQuery {
  by: Period;
  group?: Grouping;
}

/** Events (clusters) per period and group; `coarser` counts clusters whose date is less precise than the period. */
export interface AggregateRow {
  period: string;
  group: string;
  events: number;
  mentions: number;
  articles: number;
  goldsteinSum: number;
  goldsteinMean: number;
}

export interface ActorCount {
  actor: string;
  name: string | null;
  country: string | null;
  events: number;
  asSource: number;
  asTarget: number;
  mentions: number;
  goldsteinSum: number;
  goldsteinMean: number;
}

/**
 * One country-month: events whose source, target or place is the country, and the denominators to
 * normalise them: articles (and their outlets) published that month that concern the country, and all.
 */
export interface PanelRow {
  country: string;
  month: string;
  events: number;
  mentions: number;
  goldsteinSum: number;
  goldsteinMean: number;
  quad1: number;
  quad2: number;
  quad3: number;
  quad4: number;
  articles: number;
  sources: number;
  allArticles: number;
  allSources: number;
}

/** An earlier (or the current) coding of a stored document. */
export interface CodingRecord {
  documentId: string;
  /** 1 for the first coding; the current one has the highest number. */
  coding: number;
  current: boolean;
  coderVersion: string;
  coder: CoderVersion | null;
  codedAt: string;
  supersededAt: string | null;
  events: number;
  coded: CodedDocument;
}

export interface LinkStats {
  clusters: number;
  mentions: number;
  stories: number;
  coders: number;
  earlierCodings: number;
}

export interface StoreStats {
  documents: number;
  events: number;
  entities: number;
  actors: number;
  actorRoles: number;
}

/** A role a story stated for a person, as the actor store keeps it. */
export interface ActorRoleRecord {
  name: string;
  country: string;
  sectors: string[];
  title?: string;
  documentId: string;
  /** Publication date of the story (ISO 8601). */
  published: string;
  evidence: string;
}

/** One person's roles over time, as `herodotus actors` lists them: one row per distinct role (country and sectors). */
export interface ActorSummary {
  name: string;
  country: string;
  sectors: string[];
  /** The title the latest story stating the role gives. */
  title?: string;
  firstSeen: string;
  lastSeen: string;
  documents: number;
  /** The sentence of the latest story stating the role, and that story's id. */
  evidence: string;
  documentId: string;
}

/** A stored document with its storage key and the time it was stored, as exports read them. */
export interface StoredDocument {
  /** Storage order; stable for the life of the document (exports derive integer event ids from it). */
  key: number;
  /** When the document was stored (ISO 8601 date-time, UTC). */
  storedAt: string;
  coded: CodedDocument;
}

export interface DocumentPageQuery {
  /** Only documents with a larger key (keyset pagination: pass the last key of the previous page). */
  afterKey?: number;
  limit: number;
  /** Only documents stored at or before this ISO date or date-time (a date means the whole day). */
  asOf?: string;
}

// — Watch state (issue #10): feeds polled by `herodotus watch`, their items, and watched files. —

/** What is kept of a polled feed between runs. */
export interface FeedState {
  url: string;
  /** Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  /** When the feed was last polled, and how it went: an HTTP status (`200`, `304`) or an error kind. */
  lastPoll: string | null;
  lastStatus: string | null;
  /** The last poll that succeeded (200 or 304). */
  lastOk: string | null;
  /** Distinct items seen in the feed, and how many of them were stored as documents. */
  itemsSeen: number;
  itemsStored: number;
  /** Failed polls in all, and in a row (0 after a success). */
  errors: number;
  consecutiveErrors: number;
  lastError: string | null;
}

/** A feed's state with its items counted by outcome (stored, duplicate, disallowed, too-large, empty, error, failed …). */
export interface FeedStatus extends FeedState {
  items: Record<string, number>;
}

/** What happened to one feed item; `attempts` counts page fetches tried. */
export interface FeedItemState {
  url: string | null;
  status: string;
  attempts: number;
  documentId: string | null;
}

/** A file the folder watcher has read: unchanged mtime and size mean it is not read again. */
export interface WatchedFile {
  path: string;
  mtimeMs: number;
  size: number;
  outcome: string;
  documentIds: string[];
}

// — Corrections (issue #8): analysts' corrections of events, a layer of their own, kept across recoding. —

/** What a correction sets; a field left out stays as coded. `null` removes a source, target or place. */
export interface CorrectedFields {
  /** The CAMEO code with the root, QuadClass and Goldstein value that go with it. */
  cameo?: { code: string; root: string; quadClass: number; goldstein: number };
  /** The PLOVER reading of the corrected CAMEO code. */
  plover?: { type: string; mode?: string };
  source?: { code: string; name?: string } | null;
  target?: { code: string; name?: string } | null;
  /** YYYY, YYYY-MM or YYYY-MM-DD; the precision follows from it. */
  date?: { value: string; precision: 'day' | 'month' | 'year' };
  place?: { name: string; country: string; lat: number | null; lon: number | null } | null;
}

/**
 * Where a correction is anchored: the report it was made on — its document, and the spans (UTF-16, half-open)
 * of the event's trigger and sentence in the document's text. Text never changes after ingest, so the
 * anchor finds the report's event again after a recode renumbers events or rebuilds clusters.
 */
export interface CorrectionAnchor {
  documentId: string;
  sentence: { start: number; end: number };
  trigger: { start: number; end: number; text: string };
  /** The event's source and target codes then: they tell apart events sharing a trigger ("Mexico and the United States to visit"). */
  source: string | null;
  target: string | null;
}

export interface CorrectionInput {
  anchor: CorrectionAnchor;
  /** The event cluster the analyst corrected (as it was then). */
  clusterId: string;
  /** `correct`: set `fields`; `wrong`: the event did not happen as coded (kept, flagged); `revert`: withdraw earlier corrections. */
  kind: 'correct' | 'wrong' | 'revert';
  fields: CorrectedFields;
  /** The coded values the analyst saw (for the record). */
  original: CorrectedFields;
  /** Who made it (the analyst's name as given). */
  author: string;
  note?: string;
  /** ISO 8601 date-time; default: now. */
  at?: string;
}

export interface Correction extends CorrectionInput {
  id: number;
  at: string;
  /** The anchored report's event in the current coding and the cluster it is in now; null when the current coding has no event there. */
  current: { eventId: string; clusterId: string } | null;
}

export interface Store {
  /** The id of a stored document with this content hash or URL, if any. */
  findDocument(contentHash: string, url?: string): Promise<string | null>;
  /** Saves documents with all their layers in one transaction; duplicates are reported, not stored. */
  saveDocuments(batch: ReadonlyArray<{ coded: CodedDocument; provenance: DocumentProvenance }>): Promise<SaveOutcome[]>;
  /** A stored document's output-contract object. */
  getDocument(id: string): Promise<CodedDocument | null>;
  events(query?: EventQuery): Promise<StoredEvent[]>;
  /** Every role learned from stories (for the actor memory of a coding run), oldest first. */
  actorRoles(): Promise<ActorRoleRecord[]>;
  /** Roles grouped per person and role, with first/last seen dates; `name` filters by substring. */
  actorSummaries(query?: { name?: string }): Promise<ActorSummary[]>;
  /**
   * Stored documents published on or after `after` whose text contains one of `words` (candidates for
   * re-coding), oldest first: ids and dates only, so a caller loads one document at a time and a pass over
   * thousands of stories holds one in memory, not all.
   */
  documentsMentioning(words: readonly string[], after: string): Promise<Array<{ id: string; published: string }>>;
  /**
   * Replaces a stored document's coding (all layers) in one transaction; the text and identity stay. The
   * previous coding is kept (see `codings`, `clustersAsOf`) and the document's events are linked again.
   */
  replaceCoding(id: string, coded: CodedDocument, coder?: CoderVersion): Promise<void>;
  /** Stored documents in storage order, one page at a time, for streaming exports (memory stays bounded). */
  documentPage(query: DocumentPageQuery): Promise<StoredDocument[]>;
  /** How many documents are stored (at or before `asOf`, as in `documentPage`). */
  countDocuments(query?: { asOf?: string }): Promise<number>;
  stats(): Promise<StoreStats>;

  // — Event clusters (issue #7). Every write above keeps clusters and their counts current. —

  /** Event clusters matching the query, by event date then id. */
  clusters(query?: ClusterQuery): Promise<EventCluster[]>;
  /** How many clusters match the query (its limit and `after` ignored). */
  countClusters(query?: ClusterQuery): Promise<number>;
  /** One cluster by id, or null. */
  cluster(id: string): Promise<EventCluster | null>;
  /** The mentions of a cluster with their linking decisions, most specific (representative) first. */
  clusterMentions(id: string): Promise<ClusterMention[]>;
  /** Counts, Goldstein sum and mean per period (and dyad, QuadClass, root or PLOVER type) over matching clusters. */
  aggregate(query: AggregateQuery): Promise<{ rows: AggregateRow[]; coarser: number }>;
  /** Actors (source or target codes) by number of matching clusters, most first. */
  topActors(query?: ClusterQuery): Promise<ActorCount[]>;
  /** Country-month panel over matching clusters, with article and outlet denominators per country-month. */
  countryMonthPanel(query?: ClusterQuery): Promise<PanelRow[]>;
  /** Recomputes every cluster from the stored mentions (deterministic; equal to what incremental linking built). */
  relink(): Promise<{ clusters: number; mentions: number }>;
  /** Clusters as they stood at `asOf` (ISO date or date-time): documents stored then, each in the coding it had then. */
  clustersAsOf(asOf: string, query?: ClusterQuery): Promise<EventCluster[]>;
  /** The mentions of the clusters `clustersAsOf` gives for the same arguments, as they stood then: by cluster, representative first. */
  clusterMentionsAsOf(asOf: string, query?: ClusterQuery): Promise<ClusterMention[]>;
  /** Every coding of a document, oldest first; the last is the current one. */
  codings(documentId: string): Promise<CodingRecord[]>;
  /** Ids of stored documents, oldest publication first; `publishedSince` keeps those published on or after it. */
  documentIds(query?: { publishedSince?: string }): Promise<string[]>;
  linkStats(): Promise<LinkStats>;

  // — Watch state (issue #10): kept so that a restarted watcher resumes without duplicates. —

  /** Every polled feed with its validators, last poll, counts and errors, by URL. */
  feedStatus(): Promise<FeedStatus[]>;
  feedState(url: string): Promise<FeedState | null>;
  /** Records a poll: `ok` with new validators (kept when omitted), or an error message. */
  recordFeedPoll(url: string, poll: { at: string; status: string; ok: boolean; etag?: string | null; lastModified?: string | null; error?: string }): Promise<void>;
  feedItem(feedUrl: string, key: string): Promise<FeedItemState | null>;
  /** Records an item's outcome; `attempt` counts a page fetch tried. */
  recordFeedItem(feedUrl: string, key: string, item: { at: string; url: string | null; status: string; attempt: boolean; documentId?: string; detail?: string }): Promise<void>;
  watchedFile(path: string): Promise<WatchedFile | null>;
  recordWatchedFile(file: WatchedFile & { at: string }): Promise<void>;

  // — Corrections (issue #8): append-only; the latest correction of an event wins. —

  /** Stores a correction (append only) and returns it resolved. */
  addCorrection(input: CorrectionInput): Promise<Correction>;
  /** Every correction, oldest first, each resolved against the current coding (see CorrectionAnchor). */
  corrections(): Promise<Correction[]>;

  close(): Promise<void>;
}

export type StoreErrorCode = 'NOT_SQLITE' | 'NOT_HERODOTUS' | 'LOCKED' | 'NEWER_SCHEMA' | 'NEEDS_UPGRADE' | 'BAD_QUERY' | 'UNREADABLE';

/** An expected failure opening or using a store, with a message fit for a user. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
