/**
 * GDELT 2.0 event table: 61 tab-separated columns, no header row (as GDELT publishes it), one row per event
 * cluster. GLOBALEVENTID is an integer derived from the cluster id; NumMentions, NumSources and NumArticles
 * are the cluster's live counts; the fields are the representative report's (its most specific mention);
 * DATEADDED is when the cluster's first report was stored and SOURCEURL that report's URL (or, without one,
 * its citation), as GDELT records the first article it found an event in. Our own actor
 * codes fill the Actor fields (broken out into country, known-group and type blocks), geography comes from
 * the places the pipeline resolved (FIPS 10-4 country codes, as GDELT uses them).
 *
 * Differences a user should know: AvgTone is empty (we do not score tone); ethnic and religion codes are
 * empty (our actor codes carry none); `---` (unknown) blocks are dropped from actor codes; an event dated to
 * a month or year gets its first day in SQLDATE (the CSV, Parquet and PLOVER exports keep the precision);
 * ADM2 codes are empty; FeatureID is the GeoNames id of a city (GDELT uses GNS ids). Negated and
 * hypothetical events are left out, since GDELT rows state events that happened.
 */
import { compactTimestamp, dayOf, type ExportActor, type ExportEvent, type ExportPlace, type ExportReport } from './records.js';
import { decimal, type Cell } from './delimited.js';
import type { ExportLookups } from './lookups.js';

export const GDELT_EVENT_COLUMNS: readonly string[] = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  ...actorColumns('Actor1'),
  ...actorColumns('Actor2'),
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  ...geoColumns('Actor1Geo'),
  ...geoColumns('Actor2Geo'),
  ...geoColumns('ActionGeo'),
  'DATEADDED', 'SOURCEURL',
];

function actorColumns(p: string): string[] {
  return ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'].map((c) => `${p}${c}`);
}

function geoColumns(p: string): string[] {
  return ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((c) => `${p}_${c}`);
}

/** Whether an event belongs in GDELT-style event tables (asserted, not negated or hypothetical). */
export function isAsserted(e: ExportEvent): boolean {
  // An event an analyst marked wrong has no row in formats without a column to flag it.
  return !e.modality.negated && !e.modality.hypothetical && e.correction?.kind !== 'wrong';
}

/** The actor code without unknown blocks, broken out as GDELT does. */
export function gdeltActor(actor: ExportActor | null, lookups: ExportLookups): Cell[] {
  if (!actor) return ['', '', '', '', '', '', '', '', '', ''];
  const blocks = (actor.code.match(/.{1,3}/g) ?? []).filter((b) => /^[A-Z]{3}$/.test(b));
  let country = '';
  let group = '';
  const types: string[] = [];
  blocks.forEach((b, i) => {
    if (i === 0 && lookups.isCountry(b)) country = b;
    else if (lookups.isSector(b)) types.push(b);
    else if (!group) group = b;
  });
  return [blocks.join(''), actor.name.toUpperCase(), country, group, '', '', '', types[0] ?? '', types[1] ?? '', types[2] ?? ''];
}

/** GDELT geography: type (1 country, 2 US state, 3 US city, 4 world city, 5 world state), name, codes, point. */
export function gdeltGeo(place: ExportPlace | null, lookups: ExportLookups): Cell[] {
  if (!place) return ['', '', '', '', '', '', '', ''];
  const fips = lookups.fips(place.country);
  const countryName = lookups.countryName(place.country);
  const code = place.featureCode ?? '';
  const isCountry = code.startsWith('PCL') || (code === '' && place.name === countryName);
  const isAdmin1 = code === 'ADM1';
  const us = place.country === 'USA';
  const type = isCountry ? 1 : isAdmin1 ? (us ? 2 : 5) : us ? 3 : 4;
  const admin1 = !isCountry && place.admin1 ? `${fips}${place.admin1}` : '';
  const admin1Name = isCountry ? '' : isAdmin1 ? '' : lookups.admin1Name(place.country, place.admin1 ?? '');
  const fullName = isCountry ? countryName || place.name : [place.name, admin1Name, countryName].filter((x) => x !== '').join(', ');
  const featureId = isCountry ? fips : isAdmin1 ? admin1 : (place.geonameId ?? '');
  return [type, fullName, fips, admin1, '', decimal(place.lat), decimal(place.lon), featureId];
}

/** FractionDate: year + (month × 30 + day) / 365, four decimals (GDELT's approximation). */
function fractionDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return (y + (m * 30 + d) / 365).toFixed(4);
}

/** The citation GDELT puts in SOURCEURL when a story has no URL. */
export function citation(r: ExportReport): string {
  return r.url ?? [r.publisher, r.title, r.documentId].filter((x) => x).join(': ');
}

export function gdeltEventRow(e: ExportEvent, lookups: ExportLookups): Cell[] {
  const day = dayOf(e.date);
  const compact = day.replace(/-/g, '');
  const code = e.cameo.code;
  return [
    e.globalId, compact, compact.slice(0, 6), compact.slice(0, 4), fractionDate(day),
    ...gdeltActor(e.source, lookups),
    ...gdeltActor(e.target, lookups),
    e.sentence === 0 ? 1 : 0, code, code.slice(0, 3), e.cameo.root, e.cameo.quadClass, decimal(e.cameo.goldstein, 1),
    e.numMentions, e.numSources, e.numArticles, '',
    ...gdeltGeo(e.sourcePlace, lookups),
    ...gdeltGeo(e.targetPlace, lookups),
    ...gdeltGeo(e.place, lookups),
    compactTimestamp(e.first.storedAt), citation(e.first),
  ];
}
