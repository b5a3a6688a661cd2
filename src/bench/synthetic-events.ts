/**
 * A deterministic synthetic event store for scale benchmarks: documents published day after day over six
 * years, each reporting a few events, most of them new, some of them further reports of an event still in
 * the news (so clusters have one mention or several). Actors are drawn with the skew of real event data —
 * a few countries and government sectors make most events, thousands of named officials a long tail —
 * places, CAMEO codes and evidence sentences likewise. The same seed gives the same store.
 *
 * The generator streams: a document comes with its events; a cluster (with its mentions) once no later
 * document can report it any more, so a loader can insert rows in foreign-key order with bounded memory.
 */
import { seededRandom } from '../core/random.js';
import type { CodedDocument } from '../core/contract.js';
import type { EventRecord } from '../core/layers.js';
import { clusterIdOf, LINKER_VERSION } from '../link/linker.js';
import { blockKey, dateInterval, isSymmetric, mentionsOfDocument, type LinkMention } from '../link/mention.js';
import { actorCountryOf } from '../store/rows.js';

export const FIRST_DAY = '2019-01-01';
export const SYNTHETIC_YEARS = 6;
const DAYS = SYNTHETIC_YEARS * 365 + 1;
/** Days a cluster stays open to further reports. */
const OPEN_DAYS = 3;

/** Countries with their capitals (name, lat, lon), most reported first. */
const COUNTRIES: ReadonlyArray<readonly [string, string, number, number]> = [
  ['USA', 'Washington', 38.9, -77.04], ['RUS', 'Moscow', 55.76, 37.62], ['UKR', 'Kyiv', 50.45, 30.52], ['CHN', 'Beijing', 39.9, 116.4], ['ISR', 'Jerusalem', 31.77, 35.21],
  ['GBR', 'London', 51.51, -0.13], ['FRA', 'Paris', 48.86, 2.35], ['DEU', 'Berlin', 52.52, 13.4], ['IND', 'New Delhi', 28.61, 77.21], ['IRN', 'Tehran', 35.69, 51.39],
  ['MEX', 'Mexico City', 19.43, -99.13], ['TUR', 'Ankara', 39.93, 32.86], ['PAK', 'Islamabad', 33.68, 73.05], ['JPN', 'Tokyo', 35.68, 139.69], ['KOR', 'Seoul', 37.57, 126.98],
  ['SYR', 'Damascus', 33.51, 36.29], ['AFG', 'Kabul', 34.53, 69.17], ['NGA', 'Abuja', 9.06, 7.5], ['BRA', 'Brasília', -15.79, -47.88], ['SAU', 'Riyadh', 24.71, 46.68],
  ['EGY', 'Cairo', 30.04, 31.24], ['PSE', 'Ramallah', 31.9, 35.2], ['IRQ', 'Baghdad', 33.31, 44.36], ['ITA', 'Rome', 41.9, 12.5], ['CAN', 'Ottawa', 45.42, -75.7],
  ['AUS', 'Canberra', -35.28, 149.13], ['ESP', 'Madrid', 40.42, -3.7], ['POL', 'Warsaw', 52.23, 21.01], ['VEN', 'Caracas', 10.48, -66.9], ['COL', 'Bogotá', 4.71, -74.07],
  ['ZAF', 'Pretoria', -25.75, 28.19], ['KEN', 'Nairobi', -1.29, 36.82], ['ETH', 'Addis Ababa', 9.03, 38.74], ['SDN', 'Khartoum', 15.5, 32.56], ['YEM', 'Sanaa', 15.37, 44.19],
  ['LBN', 'Beirut', 33.89, 35.5], ['PRK', 'Pyongyang', 39.04, 125.76], ['TWN', 'Taipei', 25.03, 121.57], ['PHL', 'Manila', 14.6, 120.98], ['IDN', 'Jakarta', -6.21, 106.85],
  ['ARG', 'Buenos Aires', -34.6, -58.38], ['GTM', 'Guatemala City', 14.63, -90.51], ['PAN', 'Panama City', 8.98, -79.52], ['CUB', 'Havana', 23.11, -82.37], ['HTI', 'Port-au-Prince', 18.54, -72.34],
  ['MLI', 'Bamako', 12.64, -8.0], ['NER', 'Niamey', 13.51, 2.11], ['SOM', 'Mogadishu', 2.05, 45.32], ['LBY', 'Tripoli', 32.89, 13.19], ['ARM', 'Yerevan', 40.18, 44.51],
  ['AZE', 'Baku', 40.41, 49.87], ['GEO', 'Tbilisi', 41.72, 44.79], ['BLR', 'Minsk', 53.9, 27.57], ['SRB', 'Belgrade', 44.79, 20.45], ['HUN', 'Budapest', 47.5, 19.04],
  ['GRC', 'Athens', 37.98, 23.73], ['SWE', 'Stockholm', 59.33, 18.07], ['FIN', 'Helsinki', 60.17, 24.94], ['VNM', 'Hanoi', 21.03, 105.85], ['THA', 'Bangkok', 13.76, 100.5],
  ['MMR', 'Naypyidaw', 19.76, 96.08], ['BGD', 'Dhaka', 23.81, 90.41], ['LKA', 'Colombo', 6.93, 79.86], ['NPL', 'Kathmandu', 27.72, 85.32], ['CHL', 'Santiago', -33.45, -70.67],
];

/** Sector suffixes of actor codes, most frequent first ('' is the country itself). */
const SECTORS = ['GOV', '', 'MIL', 'COP', 'LEG', 'JUD', 'OPP', 'REB', 'BUS', 'MED', 'NGO', 'CVL', 'REF', 'EDU'];

/** CAMEO codes as often as news codes them: code, PLOVER type, QuadClass, Goldstein, verb for the evidence sentence. */
const ACTS: ReadonlyArray<readonly [string, string, number, number, string]> = [
  ['010', 'DISAPPROVE', 1, 0, 'made a statement about'], ['040', 'CONSULT', 1, 1, 'met'], ['042', 'CONSULT', 1, 1.9, 'visited'], ['043', 'CONSULT', 1, 2.8, 'hosted'],
  ['036', 'CONSULT', 1, 4, 'agreed to meet'], ['051', 'SUPPORT', 1, 3.4, 'praised'], ['057', 'AGREE', 1, 8, 'signed an agreement with'], ['020', 'REQUEST', 1, 3, 'appealed to'],
  ['030', 'AGREE', 1, 4, 'pledged to cooperate with'], ['070', 'AID', 2, 7, 'sent aid to'], ['061', 'COOPERATE', 2, 6.4, 'cooperated economically with'],
  ['111', 'DISAPPROVE', 3, -2, 'criticised'], ['112', 'DISAPPROVE', 3, -2, 'accused'], ['120', 'REJECT', 3, -4, 'rejected a proposal by'], ['130', 'THREATEN', 3, -4.4, 'threatened'],
  ['141', 'PROTEST', 4, -6.5, 'protested against'], ['172', 'COERCE', 4, -5, 'imposed restrictions on'], ['173', 'COERCE', 4, -5, 'arrested members of'],
  ['174', 'COERCE', 4, -5, 'expelled'], ['190', 'ASSAULT', 4, -10, 'fought'], ['193', 'ASSAULT', 4, -10, 'attacked'], ['195', 'ASSAULT', 4, -10, 'shelled'],
];

const FIRST_NAMES = ['Amina', 'Ahmed', 'Olena', 'Dmitri', 'Wei', 'Li', 'Yael', 'David', 'Priya', 'Arjun', 'Maria', 'José', 'Fatima', 'Omar', 'Chen', 'Hiroshi', 'Ji-woo', 'Kwame', 'Ngozi', 'Lucas', 'Sofia', 'Emre', 'Ayşe', 'Pierre', 'Claire', 'Hans', 'Greta', 'Ivan', 'Nadia', 'Carlos', 'Lucía', 'Tariq', 'Leila', 'Samuel', 'Grace', 'Andrzej', 'Zofia', 'Nikos', 'Eleni', 'Raúl'];
const LAST_SYLLABLES = ['ba', 'ko', 'ren', 'vic', 'nez', 'dar', 'mi', 'sa', 'lo', 'ter', 'hu', 'ang', 'ov', 'ski', 'ra', 'el', 'mon', 'ta', 'gu', 'shi', 'ya', 'ber', 'ca', 'do', 'fi', 'ze', 'an', 'or'];

/** Skewed choice: index i with weight 1 / (i + 1)^s. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) cumulative.push((total += 1 / Math.pow(i + 1, s)));
  return () => {
    const u = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const dayOf = (index: number): string => new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10);
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface SyntheticDocument {
  key: number;
  coded: CodedDocument;
  contentHash: string;
  /** Event id → event key. */
  eventKeys: Map<string, number>;
}

/** A mention of a closed cluster: its event, document and the linking decision. */
export interface SyntheticMention {
  eventKey: number;
  documentKey: number;
  mention: LinkMention;
  evidence: string;
  mode: string | null;
  contexts: string[];
  partner: string | null;
  score: number;
  reason: string;
  block: string;
  interval: { lo: string; hi: string; width: number };
}

export interface SyntheticCluster {
  key: number;
  id: string;
  /** The founding report: the cluster's fields are its event's. */
  representative: { eventKey: number; event: EventRecord };
  mentions: SyntheticMention[];
  /** Distinct outlets and first/last publication among its reports. */
  outlets: number;
  firstSeen: string;
  lastSeen: string;
}

export type SyntheticItem = { kind: 'document'; document: SyntheticDocument } | { kind: 'cluster'; cluster: SyntheticCluster };

interface OpenCluster {
  cluster: SyntheticCluster;
  event: EventRecord;
  closesOn: number;
  outlets: Set<string>;
}

/** The synthetic store: documents and closed clusters, in an order a loader can insert them in (until `events` clusters exist). */
export function* syntheticStore(clusters: number, seed = 20240113): Generator<SyntheticItem> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const country = zipf(COUNTRIES.length, 1.05, random);
  const sector = zipf(SECTORS.length, 1.2, random);
  const act = zipf(ACTS.length, 0.9, random);
  // Named officials per country: more for the countries most in the news (some 10,000 distinct names in all).
  const officials = COUNTRIES.map((_, c) => {
    const n = Math.max(60, Math.round(2000 / (c + 1)));
    return Array.from({ length: n }, (_, k) => {
      const syllables = 2 + (k % 3);
      let last = '';
      for (let s = 0; s < syllables; s++) last += pick(LAST_SYLLABLES);
      return `${pick(FIRST_NAMES)} ${last[0].toUpperCase()}${last.slice(1)}`;
    });
  });
  const official = COUNTRIES.map((_, c) => zipf(officials[c].length, 1, random));
  const outlets = Array.from({ length: 400 }, (_, i) => `Outlet ${i + 1}`);
  const outlet = zipf(outlets.length, 0.8, random);

  let documentKey = 0;
  let eventKey = 0;
  let clusterKey = 0;
  const open: OpenCluster[] = [];

  const actor = (): { code: string; name?: string; c: number } => {
    const c = country();
    const code = `${COUNTRIES[c][0]}${SECTORS[sector()]}`;
    return random() < 0.45 ? { code, name: officials[c][official[c]()], c } : { code, c };
  };

  function newEvent(id: string, day: number, published: string): EventRecord {
    const source = actor();
    let target = actor();
    while (target.code === source.code) target = actor();
    const [cameo, plover, quadClass, goldstein] = ACTS[act()];
    const precision = random();
    const date =
      precision < 0.8 ? { value: dayOf(Math.max(0, day - Math.floor(random() * 4))), precision: 'day' as const, basis: 'text' as const }
      : precision < 0.9 ? { value: published, precision: 'day' as const, basis: 'published' as const }
      : precision < 0.97 ? { value: published.slice(0, 7), precision: 'month' as const, basis: 'text' as const }
      : { value: published.slice(0, 4), precision: 'year' as const, basis: 'text' as const };
    const where = random() < 0.75 ? COUNTRIES[random() < 0.6 ? source.c : target.c] : undefined;
    return {
      id,
      sentence: 0,
      trigger: { text: 'said', start: 0, end: 4 },
      source: { code: source.code, ...(source.name ? { name: source.name } : {}) },
      target: { code: target.code, ...(target.name ? { name: target.name } : {}) },
      cameo: { code: cameo, root: cameo.slice(0, 2), quadClass, goldstein },
      plover: { type: plover, contexts: random() < 0.3 ? [pick(['migration', 'economic', 'military', 'diplomatic', 'territory', 'legal'])] : [] },
      date,
      place: where ? { name: where[1], country: where[0], lat: where[2], lon: where[3] } : null,
      modality: { negated: random() < 0.03, future: random() < 0.05, hypothetical: false },
      confidence: Math.round((0.5 + random() * 0.5) * 100) / 100,
      rule: `synthetic.${cameo}`,
      coder: 'synthetic',
    };
  }

  function sentence(e: EventRecord, day: number): string {
    const who = (a: EventRecord['source']): string => a?.name ?? `officials of ${a?.code.slice(0, 3)}`;
    const verb = ACTS.find((x) => x[0] === e.cameo.code)?.[4] ?? 'met';
    return `${who(e.source)} ${verb} ${who(e.target)}${e.place ? ` in ${e.place.name}` : ''} on ${WEEKDAYS[(day + 2) % 7]}, officials said.`;
  }

  function* close(upTo: number): Generator<SyntheticItem> {
    while (open.length > 0 && (open[0].closesOn < upTo || upTo === Infinity)) {
      const o = open.shift() as OpenCluster;
      o.cluster.outlets = o.outlets.size;
      yield { kind: 'cluster', cluster: o.cluster };
    }
  }

  for (let day = 0; clusterKey < clusters; day = (day + 1) % DAYS) {
    // Volume grows over the years, as news archives do (some 2.8 new events per document); should the years
    // run out first, they are reported again from the start, the clusters still open closed first.
    const perDay = Math.max(1, Math.round((clusters / DAYS / 2.8) * (0.6 + (0.8 * day) / DAYS)));
    yield* close(day === 0 ? Infinity : day);
    const published = dayOf(day);
    for (let n = 0; n < perDay && clusterKey < clusters; n++) {
      documentKey++;
      const id = `bench-${String(documentKey).padStart(8, '0')}`;
      const source = outlets[outlet()];
      const events: EventRecord[] = [];
      const reports: Array<OpenCluster | null> = [];
      const count = 1 + Math.floor(random() * 6);
      for (let i = 1; i <= count && clusterKey + events.length < clusters; i++) {
        // A fifth of reports are of an event already in the news.
        const again = open.length > 0 && random() < 0.2 ? open[open.length - 1 - Math.floor(random() * Math.min(open.length, 500))] : null;
        events.push(again ? { ...again.event, id: `ev${i}` } : newEvent(`ev${i}`, day, published));
        reports.push(again);
      }
      let text = '';
      const sentences: Array<{ start: number; end: number }> = [];
      const withSentences = events.map((e, i) => {
        const s = sentence(e, day);
        sentences.push({ start: text.length, end: text.length + s.length });
        text += s + (i < events.length - 1 ? ' ' : '');
        return { ...e, sentence: i, trigger: { text: s.split(' ')[2] ?? 'said', start: 0, end: 0 } };
      });
      const coded: CodedDocument = {
        id, published, language: 'en', source, text, sentences,
        entities: [], actors: [], roles: [], dates: [], places: [], quantities: [], quotes: [], events: withSentences, diagnostics: [],
      };
      const eventKeys = new Map<string, number>();
      for (const e of withSentences) eventKeys.set(e.id, ++eventKey);
      yield { kind: 'document', document: { key: documentKey, coded, contentHash: `synthetic:${id}`, eventKeys } };
      mentionsOfDocument(coded).forEach((m, i) => {
        const key = eventKeys.get(m.eventId) as number;
        const mention = { ...m.mention, id: `${id}#${m.eventId}` };
        const interval = dateInterval(mention);
        const base = { eventKey: key, documentKey, mention, evidence: m.evidence, mode: m.mode, contexts: m.contexts, block: blockKey(mention), interval };
        const joined = reports[i];
        if (joined) {
          const rep = joined.cluster.mentions[0];
          joined.cluster.mentions.push({ ...base, partner: rep.mention.id, score: 1, reason: `same event: dyad ${mention.source ?? '∅'}→${mention.target ?? '∅'}; type ${mention.cameo}; date ${mention.date}` });
          joined.outlets.add(source);
          joined.cluster.lastSeen = published;
        } else {
          const cluster: SyntheticCluster = {
            key: ++clusterKey,
            id: clusterIdOf([mention.id]),
            representative: { eventKey: key, event: withSentences[i] },
            mentions: [{ ...base, partner: null, score: 1, reason: 'new event: no compatible report' }],
            outlets: 1,
            firstSeen: published,
            lastSeen: published,
          };
          open.push({ cluster, event: withSentences[i], closesOn: day + OPEN_DAYS, outlets: new Set([source]) });
        }
      });
    }
  }
  yield* close(Infinity);
}

/** The clusters columns a loader fills (both stores name them alike). */
export const CLUSTER_COLUMNS = [
  'key', 'cluster_id', 'representative', 'cameo_code', 'cameo_root', 'quad_class', 'goldstein', 'plover_type', 'plover_mode', 'plover_contexts',
  'source_code', 'source_name', 'source_country', 'target_code', 'target_name', 'target_country', 'symmetric', 'event_date', 'date_precision',
  'place_name', 'place_country', 'lat', 'lon', 'negated', 'future', 'hypothetical', 'num_mentions', 'num_articles', 'num_stories', 'num_sources',
  'first_seen', 'last_seen', 'linker', 'updated_at',
] as const;

export type ClusterValues = Record<(typeof CLUSTER_COLUMNS)[number], string | number | boolean | null>;

/** A cluster's row values, from its founding report and its mentions. */
export function clusterColumns(c: SyntheticCluster, now: string): ClusterValues {
  const e = c.representative.event;
  const articles = new Set(c.mentions.map((m) => m.documentKey)).size;
  return {
    key: c.key,
    cluster_id: c.id,
    representative: c.representative.eventKey,
    cameo_code: e.cameo.code,
    cameo_root: e.cameo.root,
    quad_class: e.cameo.quadClass,
    goldstein: e.cameo.goldstein,
    plover_type: e.plover.type,
    plover_mode: c.mentions[0].mode,
    plover_contexts: [...new Set(c.mentions.flatMap((m) => m.contexts))].sort().join(','),
    source_code: e.source?.code ?? null,
    source_name: e.source?.name ?? null,
    source_country: actorCountryOf(e.source?.code),
    target_code: e.target?.code ?? null,
    target_name: e.target?.name ?? null,
    target_country: actorCountryOf(e.target?.code),
    symmetric: isSymmetric({ cameo: e.cameo.code, plover: e.plover.type }),
    event_date: e.date.value,
    date_precision: e.date.precision,
    place_name: e.place?.name ?? null,
    place_country: e.place?.country ?? null,
    lat: e.place?.lat ?? null,
    lon: e.place?.lon ?? null,
    negated: e.modality.negated,
    future: e.modality.future,
    hypothetical: e.modality.hypothetical,
    num_mentions: c.mentions.length,
    num_articles: articles,
    num_stories: articles,
    num_sources: c.outlets,
    first_seen: c.firstSeen,
    last_seen: c.lastSeen,
    linker: LINKER_VERSION,
    updated_at: now,
  };
}
