/**
 * Event mentions as the linker sees them: one per coded event of one stored document (one article
 * sentence reporting one act), with the features linking compares — dyad, CAMEO/PLOVER type, date with
 * its precision as an interval, place, modality. Pure: no I/O.
 */
import type { CodedDocument } from '../core/contract.js';

export type DatePrecision = 'day' | 'month' | 'year';

export interface LinkPlace {
  name: string;
  country: string;
  lat: number | null;
  lon: number | null;
  /** `country` and `region` places (a country or first-level division named as the place) are vague. */
  level: 'site' | 'region' | 'country';
}

/** One event mention: what linking reads. `id` is content-based (`documentId#eventId`), so orders never matter. */
export interface LinkMention {
  id: string;
  documentId: string;
  /** Publication date (or date-time) of the document, when known. */
  published: string | null;
  sentence: number;
  source: string | null;
  sourceName: string | null;
  target: string | null;
  targetName: string | null;
  cameo: string;
  root: string;
  plover: string;
  negated: boolean;
  future: boolean;
  hypothetical: boolean;
  date: string;
  precision: DatePrecision;
  basis: 'text' | 'published';
  place: LinkPlace | null;
}

/** CAMEO codes whose dyad is unordered: 036 (intent to meet) and 040–046 (consult, visit, host, meet, mediate, negotiate). */
export function isSymmetric(m: Pick<LinkMention, 'cameo' | 'plover'>): boolean {
  return /^(036|04[0-6])/.test(m.cameo) || m.plover === 'CONSULT';
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** Days a mention published-dated (no date in its text) may lie before its publication date. */
export const PUBLISHED_WINDOW_DAYS = 2;

/**
 * The days a mention's date may stand for, inclusive: a text date of day precision is one day; a
 * publication date used because the text gave none is the few days before publication; a month or year
 * is the whole month or year.
 */
export function dateInterval(m: Pick<LinkMention, 'date' | 'precision' | 'basis'>): { lo: string; hi: string; width: WidthClass } {
  const value = m.date;
  // No calendar year (a story without a publication date: XXXX-XX-XX, XXXX-WXX-5 …): an empty interval, which
  // overlaps nothing — an undated report is never linked to another by date.
  if (!/^\d{4}/.test(value)) return { lo: '9999-12-31', hi: '0000-01-01', width: 0 };
  const y = value.slice(0, 4);
  const wholeYear = { lo: `${y}-01-01`, hi: `${y}-12-31`, width: 3 as const };
  if (m.precision === 'year' || /^\d{4}$/.test(value)) return wholeYear;
  if (m.precision === 'month' || /^\d{4}-\d{2}$/.test(value)) {
    const first = `${value.slice(0, 7)}-01`;
    // A quarter, season or week of a known year ("2024-Q1", "2024-W02"): the year.
    if (Number.isNaN(ms(first))) return wholeYear;
    const next = new Date(ms(first));
    next.setUTCMonth(next.getUTCMonth() + 1);
    return { lo: first, hi: iso(next.getTime() - DAY), width: 2 };
  }
  const day = value.slice(0, 10);
  if (Number.isNaN(ms(day))) return wholeYear;
  if (m.basis === 'published') return { lo: iso(ms(day) - PUBLISHED_WINDOW_DAYS * DAY), hi: day, width: 1 };
  return { lo: day, hi: day, width: 0 };
}

/** 0: a day from the text; 1: the publication date stands in; 2: a month; 3: a year. */
export type WidthClass = 0 | 1 | 2 | 3;

/** How far back (days) a candidate's interval may start for each width class: the widest interval of that class. */
export const WIDTH_SPAN_DAYS: Readonly<Record<WidthClass, number>> = { 0: 0, 1: PUBLISHED_WINDOW_DAYS, 2: 31, 3: 366 };

export function shiftDay(day: string, days: number): string {
  return iso(ms(day) + days * DAY);
}

const countryPart = (code: string | null): string => (code ? code.slice(0, 3) : '-');

/** The block a mention is looked up in: the unordered pair of its actors' country parts (`MEX|USA`). */
export function blockKey(m: Pick<LinkMention, 'source' | 'target'>): string {
  const a = countryPart(m.source);
  const b = countryPart(m.target);
  return a <= b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * How specific a mention is (lower = more): its date class times three plus its place class (site 0,
 * region/country 1, none 2). Linking builds clusters from the most specific reports first.
 */
export function specificity(m: LinkMention): number {
  const place = m.place === null ? 2 : m.place.level === 'site' ? 0 : 1;
  return dateInterval(m).width * 3 + place;
}

function placeLevel(featureCode: string | undefined): LinkPlace['level'] {
  if (!featureCode) return 'site';
  if (featureCode.startsWith('PCL') || featureCode === 'CONT' || featureCode === 'RGN') return 'country';
  if (featureCode === 'ADM1' || featureCode === 'ADM1H') return 'region';
  return 'site';
}

/** The link mentions of one coded document, with the sentence text of each (the evidence). */
export function mentionsOfDocument(coded: CodedDocument): Array<{ mention: LinkMention; eventId: string; evidence: string; mode: string | null; contexts: string[] }> {
  // Stored JSON of older codings may lack layers: missing ones count as empty.
  const places = new Map((coded.places ?? []).map((p) => [p.id, p] as const));
  return (coded.events ?? []).map((e) => {
    const s = coded.sentences?.[e.sentence];
    const place = e.place ? places.get(e.place.placeId ?? '') : undefined;
    const mention: LinkMention = {
      id: `${coded.id}#${e.id}`,
      documentId: coded.id,
      published: coded.published,
      sentence: e.sentence,
      source: e.source?.code ?? null,
      sourceName: e.source?.name ?? null,
      target: e.target?.code ?? null,
      targetName: e.target?.name ?? null,
      cameo: e.cameo.code,
      root: e.cameo.root,
      plover: e.plover.type,
      negated: e.modality.negated,
      future: e.modality.future,
      hypothetical: e.modality.hypothetical,
      date: e.date.value,
      precision: e.date.precision,
      basis: e.date.basis,
      place: e.place
        ? { name: e.place.name, country: e.place.country, lat: Number.isFinite(e.place.lat) ? e.place.lat : null, lon: Number.isFinite(e.place.lon) ? e.place.lon : null, level: placeLevel(place?.featureCode) }
        : null,
    };
    return { mention, eventId: e.id, evidence: s && coded.text ? coded.text.slice(s.start, s.end) : e.trigger.text, mode: e.plover.mode ?? null, contexts: [...(e.plover.contexts ?? [])] };
  });
}
