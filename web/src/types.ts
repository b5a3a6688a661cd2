/** The shapes the UI reads from the HTTP API (a subset of what it sends; see /openapi.json). */

export interface Actor {
  code: string;
  name?: string;
}

export interface Place {
  name: string;
  country: string;
  lat: number | null;
  lon: number | null;
}

export interface CorrectionShown {
  id: number;
  kind: 'correct' | 'wrong';
  author: string;
  at: string;
  note?: string;
  fields: string[];
  coded: Pick<EventCluster, 'cameo' | 'plover' | 'source' | 'target' | 'date' | 'place'>;
}

export interface EventCluster {
  id: string;
  cameo: { code: string; root: string; quadClass: number; goldstein: number };
  plover: { type: string; mode?: string; contexts: string[] };
  source: Actor | null;
  target: Actor | null;
  date: { value: string; precision: string };
  place: Place | null;
  modality: { negated: boolean; future: boolean; hypothetical: boolean };
  numMentions: number;
  numSources: number;
  numArticles: number;
  firstSeen: string;
  lastSeen: string;
  representative: { documentId: string; eventId: string; evidence: string };
  correction?: CorrectionShown;
}

export type EvidenceRole = 'trigger' | 'source' | 'target' | 'date' | 'place';

export interface Mention {
  mentionId: string;
  documentId: string;
  eventId: string;
  title: string | null;
  evidence: string;
  sentenceStart: number;
  sentenceEnd: number;
  spans: Array<{ role: EvidenceRole; start: number; end: number; text: string }>;
  published: string | null;
  outlet: string | null;
  countedOutlet: string;
  copyOf: string | null;
  cameo: string;
  sourceCode: string | null;
  targetCode: string | null;
  date: string;
  placeName: string | null;
  score: number;
  reason: string;
}

export interface Correction {
  id: number;
  kind: 'correct' | 'wrong' | 'revert';
  author: string;
  at: string;
  note?: string;
  clusterId: string;
  anchor: { documentId: string; trigger: { start: number; end: number; text: string } };
  fields: Partial<Record<'cameo' | 'source' | 'target' | 'date' | 'place' | 'plover', unknown>>;
  original: Partial<Record<'cameo' | 'source' | 'target' | 'date' | 'place' | 'plover', unknown>>;
  current: { eventId: string; clusterId: string } | null;
}

export interface EventDetail extends EventCluster {
  mentions: Mention[];
  corrections: Correction[];
}

interface Located {
  id: string;
  text: string;
  start: number;
  end: number;
}

export interface CodedDocument {
  id: string;
  published: string | null;
  language: string;
  source?: string;
  url?: string;
  title?: string;
  text: string;
  sentences: Array<{ start: number; end: number }>;
  entities: Array<Located & { type: string }>;
  actors: Array<{ id: string; name: string; code: string; country: string; sectors: string[]; title?: string; mentions: string[] }>;
  dates: Array<Located & { type: string; value: string; mod?: string }>;
  places: Array<Located & { name: string; country: string; lat: number; lon: number; featureCode?: string }>;
  quotes: Array<Located & { speaker?: string; speakerText?: string }>;
  events: Array<{
    id: string;
    sentence: number;
    trigger: { text: string; start: number; end: number };
    source: (Actor & { start?: number; end?: number }) | null;
    target: (Actor & { start?: number; end?: number }) | null;
    cameo: { code: string; quadClass: number; goldstein: number };
    plover: { type: string };
    date: { value: string };
    place: { name: string } | null;
  }>;
  diagnostics: Array<{ code: string; message: string; severity: string }>;
}

export interface DocumentSummary {
  key: number;
  id: string;
  title: string | null;
  source: string | null;
  published: string | null;
  storedAt: string;
  events: number;
}

export interface Info {
  version: string;
  writes: boolean;
  documents: number;
  events: number;
  corrections: number;
}

export interface CameoCode {
  code: string;
  name: string;
  root: string;
  quadClass: number;
  goldstein: number;
  plover: string;
}

export interface SeriesRow {
  period: string;
  group: string;
  events: number;
  mentions: number;
  articles: number;
  goldsteinMean: number;
}

export interface Network {
  nodes: Array<{ id: string; name: string | null; country: string | null; events: number; goldsteinMean: number }>;
  edges: Array<{ a: string; b: string; events: number; mentions: number; goldsteinMean: number; quadClasses: number[]; ids: string[] }>;
}

export interface PlaceCounts {
  places: Array<{ name: string; country: string; lat: number; lon: number; events: number; mentions: number; goldsteinMean: number }>;
  countries: Array<{ country: string; events: number }>;
}

/** GET /feeds: what `herodotus watch` has done with one feed. */
export interface FeedStatus {
  url: string;
  lastPoll: string | null;
  /** An HTTP status (`200`, `304`) or an error kind (`http`, `timeout`, `network`, `malformed` …). */
  lastStatus: string | null;
  lastOk: string | null;
  itemsSeen: number;
  itemsStored: number;
  /** Items by outcome: stored, duplicate, disallowed, too-large, error, queued … */
  items: Record<string, number>;
  errors: number;
  consecutiveErrors: number;
  lastError: string | null;
  healthy: boolean;
}
