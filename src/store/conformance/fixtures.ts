/**
 * Documents for the store conformance suite, written by hand: wire-style sentences about the January 2024
 * US–Mexico talks (the seed story's week) and an unrelated Japan–Australia meeting, with the events a coder
 * would record. Every expected value in the suite follows from these by the rules of src/link/ and the
 * store interface, not from running a store.
 */
import type { CodedDocument } from '../../core/contract.js';
import type { EventRecord } from '../../core/layers.js';
import type { CoderVersion, DocumentProvenance, Store } from '../store.js';

export interface EventOptions {
  source?: string | null;
  sourceName?: string;
  target?: string | null;
  targetName?: string;
  cameo?: string;
  quadClass?: number;
  goldstein?: number;
  plover?: string;
  mode?: string;
  contexts?: string[];
  date?: string;
  precision?: 'day' | 'month' | 'year';
  basis?: 'text' | 'published';
  place?: { name: string; country: string; lat: number; lon: number } | null;
  negated?: boolean;
  sentence?: number;
  trigger?: string;
}

const WASHINGTON = { name: 'Washington', country: 'USA', lat: 38.9, lon: -77.04 };

/** An event: by default Blinken's State Department (USAGOV) meeting Mexico's government (MEXGOV) in Washington on 12 January 2024. */
export function event(id: string, o: EventOptions = {}): EventRecord {
  const source = o.source === undefined ? 'USAGOV' : o.source;
  const target = o.target === undefined ? 'MEXGOV' : o.target;
  const cameo = o.cameo ?? '040';
  return {
    id,
    sentence: o.sentence ?? 0,
    trigger: { text: o.trigger ?? 'met', start: 0, end: (o.trigger ?? 'met').length },
    source: source === null ? null : { code: source, ...(o.sourceName ? { name: o.sourceName } : {}) },
    target: target === null ? null : { code: target, ...(o.targetName ? { name: o.targetName } : {}) },
    cameo: { code: cameo, root: cameo.slice(0, 2), quadClass: o.quadClass ?? 1, goldstein: o.goldstein ?? 1 },
    plover: { type: o.plover ?? 'CONSULT', ...(o.mode ? { mode: o.mode } : {}), contexts: o.contexts ?? [] },
    date: { value: o.date ?? '2024-01-12', precision: o.precision ?? 'day', basis: o.basis ?? 'text' },
    place: o.place === undefined ? WASHINGTON : o.place,
    modality: { negated: o.negated ?? false, future: false, hypothetical: false },
    confidence: 0.9,
    rule: 'test.rule',
    coder: 'test',
  };
}

export interface DocOptions {
  published?: string | null;
  source?: string;
  url?: string;
  title?: string;
  /** Sentence boundaries (default: the whole text is one sentence). */
  sentences?: Array<{ start: number; end: number }>;
  layers?: Partial<CodedDocument>;
}

export function doc(id: string, text: string, events: EventRecord[] = [], o: DocOptions = {}): CodedDocument {
  return {
    id,
    published: o.published === undefined ? '2024-01-13' : o.published,
    language: 'en',
    ...(o.source ? { source: o.source } : {}),
    ...(o.url ? { url: o.url } : {}),
    ...(o.title ? { title: o.title } : {}),
    text,
    sentences: o.sentences ?? [{ start: 0, end: text.length }],
    entities: [],
    actors: [],
    roles: [],
    dates: [],
    places: [],
    quantities: [],
    quotes: [],
    events,
    diagnostics: [],
    ...o.layers,
  };
}

export const coder = (fingerprint: string): CoderVersion => ({ fingerprint, descriptor: { test: fingerprint } });

/** Saves documents one batch, each with the content hash `hash:<id>:<text length>` unless given. */
export async function save(store: Store, docs: readonly CodedDocument[], provenance: Partial<DocumentProvenance> = {}): ReturnType<Store['saveDocuments']> {
  return store.saveDocuments(docs.map((coded) => ({ coded, provenance: { contentHash: `hash:${coded.id}:${coded.text.length}`, ...provenance } })));
}

/** A moment between two writes, for as-of queries: a timestamp taken after the first with the clock moved on. */
export async function moment(): Promise<string> {
  await new Promise((r) => setTimeout(r, 15));
  const stamp = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 15));
  return stamp;
}

// — The Friday meeting, 12 January 2024, as four outlets reported it, and an unrelated meeting the same day. —

export const EFE_TEXT = 'US Secretary of State Antony Blinken met Mexican Foreign Minister Alicia Bárcena in Washington on Friday to discuss migration.';

/** The AP story: long enough (over 12 four-word shingles) for a reprint of it to be recognised as a copy. */
export const AP_TEXT =
  'Mexican Foreign Minister Alicia Bárcena visited Washington on Friday for talks with Secretary of State Antony Blinken, ' +
  'as both governments try to slow record crossings at the southern border ahead of the US election campaign, ' +
  'officials from both countries said after the meeting at the State Department.';

/** The Gulf Coast Ledger ran the AP story under its own headline. */
export const LEDGER_TEXT = `Border talks in the capital\n${AP_TEXT}`;

export const TOKYO_TEXT = 'Japanese Foreign Minister Yoko Kamikawa met her Australian counterpart Penny Wong in Tokyo on Friday.';

/**
 * Five events, one cluster each, on five dates (the filter and aggregate tests' world; a cluster's label is
 * its representative document):
 *  closure  2023-12 (month)  USAGOV (Joe Biden) → MEX          172 COERCE quad 4, Goldstein −5, no place; published 2023-12-28 (Reuters)
 *  tokyo    2024-01-11       JPNGOV → AUSGOV                  040 CONSULT quad 1, +1, Tokyo JPN (Pacific Wire)
 *  ap       2024-01-12       MEXGOV → USAGOV (with efe: 2)    042 CONSULT quad 1, +1, Washington USA, context migration (AP; EFE)
 *  protest  2024-01-20       MEXOPP → MEXGOV                  141 PROTEST quad 4, −6.5, Mexico City MEX; published 2024-01-21 (EFE)
 *  darien   2024-02-05       PANGOV → COLGOV                  036 CONSULT quad 1, +4, Darién PAN, context migration; published 2024-02-06 (La Prensa)
 */
export function fiveEvents(): CodedDocument[] {
  const { efe, ap } = fridayMeeting();
  return [
    efe,
    ap,
    doc('closure', 'The Biden administration closed several border crossings with Mexico in December.', [
      event('ev1', { sourceName: 'Joe Biden', target: 'MEX', cameo: '172', quadClass: 4, goldstein: -5, plover: 'COERCE', date: '2023-12', precision: 'month', place: null, trigger: 'closed' }),
    ], { source: 'Reuters', published: '2023-12-28' }),
    doc('tokyo', 'Japanese Foreign Minister Yoko Kamikawa met her Australian counterpart Penny Wong in Tokyo on Thursday.', [
      event('ev1', { source: 'JPNGOV', target: 'AUSGOV', date: '2024-01-11', place: { name: 'Tokyo', country: 'JPN', lat: 35.68, lon: 139.69 } }),
    ], { source: 'Pacific Wire', published: '2024-01-13' }),
    doc('protest', "Thousands marched in Mexico City on Saturday against the government's security policy.", [
      event('ev1', { source: 'MEXOPP', target: 'MEXGOV', cameo: '141', quadClass: 4, goldstein: -6.5, plover: 'PROTEST', date: '2024-01-20', place: { name: 'Mexico City', country: 'MEX', lat: 19.43, lon: -99.13 }, trigger: 'marched' }),
    ], { source: 'EFE', published: '2024-01-21' }),
    doc('darien', 'Panama and Colombia agreed to meet about migrants crossing the Darién Gap.', [
      event('ev1', { source: 'PANGOV', target: 'COLGOV', cameo: '036', goldstein: 4, date: '2024-02-05', place: { name: 'Darién', country: 'PAN', lat: 8.4, lon: -77.9 }, contexts: ['migration'], trigger: 'agreed' }),
    ], { source: 'La Prensa', published: '2024-02-06' }),
  ];
}

export function fridayMeeting(): { efe: CodedDocument; ap: CodedDocument; ledger: CodedDocument; tokyo: CodedDocument } {
  return {
    efe: doc('efe', EFE_TEXT, [event('ev1', { sourceName: 'Antony Blinken', targetName: 'Alicia Bárcena', contexts: ['migration'] })], { source: 'EFE', published: '2024-01-13' }),
    ap: doc('ap', AP_TEXT, [event('ev1', { source: 'MEXGOV', sourceName: 'Alicia Bárcena', target: 'USAGOV', targetName: 'Antony Blinken', cameo: '042', mode: 'visit', trigger: 'visited' })], {
      source: 'AP',
      published: '2024-01-12',
      url: 'https://apnews.example/barcena-washington',
    }),
    ledger: doc('ledger', LEDGER_TEXT, [event('ev1', { source: 'MEXGOV', sourceName: 'Alicia Bárcena', target: 'USAGOV', targetName: 'Antony Blinken', cameo: '042', mode: 'visit', trigger: 'visited' })], {
      source: 'Gulf Coast Ledger',
      published: '2024-01-13',
    }),
    tokyo: doc('tokyo', TOKYO_TEXT, [event('ev1', { source: 'JPNGOV', sourceName: 'Yoko Kamikawa', target: 'AUSGOV', targetName: 'Penny Wong', place: { name: 'Tokyo', country: 'JPN', lat: 35.68, lon: 139.69 } })], {
      source: 'Pacific Wire',
      published: '2024-01-13',
    }),
  };
}
