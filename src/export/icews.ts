/**
 * ICEWS-style event file: 20 tab-separated columns with a header row, one row per event cluster (Event ID
 * is the cluster's integer id, the fields, Story ID and Sentence Number are its representative report's). The published ICEWS files had known
 * faults this exporter avoids: every Event ID is unique and carries one date, no row is written twice,
 * dates are always YYYY-MM-DD, the CAMEO code is never missing (rows without a known CAMEO code are left
 * out). Negated and hypothetical events are left out. District is empty (we resolve no second-level division).
 */
import { dayOf, type ExportActor, type ExportEvent } from './records.js';
import { decimal, type Cell } from './delimited.js';
import type { ExportLookups } from './lookups.js';

export const ICEWS_COLUMNS: readonly string[] = [
  'Event ID', 'Event Date', 'Source Name', 'Source Sectors', 'Source Country', 'Event Text', 'CAMEO Code', 'Intensity',
  'Target Name', 'Target Sectors', 'Target Country', 'Story ID', 'Sentence Number', 'Publisher',
  'City', 'District', 'Province', 'Country', 'Latitude', 'Longitude',
];

function actorCells(a: ExportActor | null, lookups: ExportLookups): Cell[] {
  if (!a) return ['', '', ''];
  return [a.name || a.code, a.sectors.map((s) => lookups.sectorName(s)).join(','), lookups.countryName(a.country)];
}

/** The row, or null when the event has no known CAMEO name (an invalid code is never written). */
export function icewsRow(e: ExportEvent, lookups: ExportLookups): Cell[] | null {
  const eventText = lookups.cameoName(e.cameo.code);
  if (!eventText) return null;
  const p = e.place;
  const isCity = p?.featureCode?.startsWith('PP') ?? false;
  const province = p ? (p.featureCode === 'ADM1' ? p.name : lookups.admin1Name(p.country, p.admin1 ?? '')) : '';
  return [
    e.globalId,
    dayOf(e.date),
    ...actorCells(e.source, lookups).slice(0, 3),
    eventText,
    e.cameo.code,
    decimal(e.cameo.goldstein, 1),
    ...actorCells(e.target, lookups),
    e.documentId,
    e.sentence + 1,
    e.publisher ?? '',
    p && isCity ? p.name : '',
    '',
    province,
    p ? lookups.countryName(p.country) : '',
    p ? decimal(p.lat) : '',
    p ? decimal(p.lon) : '',
  ];
}
