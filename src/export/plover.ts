/**
 * PLOVER JSON lines: one event cluster per line (or, with `--per mention`, one report of one), with the field names of the PLOVER data-field tables (id, date,
 * actor, recipient, event, mode, context, event_loc, event_text, quad_code, event_scale, text_info,
 * cite_info, coder, coded_date, coded_time, size). What PLOVER has no field for (the CAMEO code, the date's
 * precision, the trigger, the rule) is kept under one `herodotus` object, as the spec allows.
 * Events whose CAMEO code has no PLOVER reading (CAMEO 01, statements) are left out.
 */
import { VERSION } from '../version.js';
import { dayOf, type ExportActor, type ExportEvent } from './records.js';
import type { ExportLookups } from './lookups.js';

export interface PloverEntity {
  code: string;
  sector?: string;
  entity_text?: string;
  office?: string;
}

export interface PloverRecord {
  id: string;
  has_event: true;
  date: string;
  actor: PloverEntity[];
  recipient: PloverEntity[];
  event: string[];
  mode: string[];
  context: string[];
  event_loc?: Record<string, string | number>;
  event_text: string[];
  quad_code: number;
  event_scale: number;
  text_info: { sequence: number; start: number; end: number };
  cite_info: Record<string, string>;
  coder: string;
  coded_date: string;
  coded_time: string;
  size?: { dead?: number; injured?: number; arrested?: number };
  herodotus: Record<string, unknown>;
}

function entity(a: ExportActor | null): PloverEntity[] {
  if (!a) return [];
  return [{ code: a.country || a.code.slice(0, 3), ...(a.sectors[0] ? { sector: a.sectors[0] } : {}), ...(a.name ? { entity_text: a.name } : {}), ...(a.title ? { office: a.title } : {}) }];
}

/** GeoNames-style resolution: 1 country, 2 province, 4 city. */
function resolution(featureCode: string | undefined): number {
  if (!featureCode) return 4;
  if (featureCode.startsWith('PCL')) return 1;
  if (featureCode === 'ADM1') return 2;
  if (featureCode === 'ADM2') return 3;
  return 4;
}

/** The record, or null when PLOVER has no category for the event. */
export function ploverRecord(e: ExportEvent, lookups: ExportLookups): PloverRecord | null {
  if (!e.plover.type) return null;
  const modes = [
    ...(e.plover.mode ? [e.plover.mode] : []),
    ...(e.modality.negated ? ['negation'] : []),
    ...(e.modality.future ? ['future'] : []),
    ...(e.modality.hypothetical ? ['hypothetical'] : []),
  ];
  const p = e.place;
  const province = p ? (p.featureCode === 'ADM1' ? p.name : lookups.admin1Name(p.country, p.admin1 ?? '')) : '';
  const size = { ...(e.size.dead !== undefined ? { dead: e.size.dead } : {}), ...(e.size.injured !== undefined ? { injured: e.size.injured } : {}), ...(e.size.arrested !== undefined ? { arrested: e.size.arrested } : {}) };
  return {
    id: e.link ? e.reportId : e.clusterId,
    has_event: true,
    date: dayOf(e.date),
    actor: entity(e.source),
    recipient: entity(e.target),
    event: [e.plover.type],
    mode: modes,
    context: e.plover.contexts,
    ...(p
      ? {
          event_loc: {
            ...(p.text ? { extracted_place: p.text } : {}),
            resolved_place: p.name,
            ...(p.geonameId !== undefined ? { geonameid: p.geonameId } : {}),
            lat: p.lat,
            lon: p.lon,
            ...(p.featureCode?.startsWith('PP') ? { city: p.name } : {}),
            ...(province ? { province } : {}),
            country: lookups.countryName(p.country),
            country_code: p.country,
            ...(p.featureCode ? { feature_class: p.featureCode.startsWith('PCL') || p.featureCode.startsWith('ADM') ? 'A' : p.featureCode.startsWith('PP') ? 'P' : '', feature_code: p.featureCode } : {}),
            resolution: resolution(p.featureCode),
          },
        }
      : {}),
    event_text: [e.sentenceText],
    quad_code: e.cameo.quadClass,
    event_scale: e.cameo.goldstein,
    text_info: { sequence: e.sentence + 1, start: e.sentenceStart, end: e.sentenceEnd },
    cite_info: {
      citation: e.documentId,
      ...(e.url ? { url: e.url } : {}),
      ...(e.title ? { title: e.title } : {}),
      language: e.language,
      ...(e.publisher ? { publication: e.publisher } : {}),
      coder: `herodotus ${VERSION}`,
      codebook: 'PLOVER (CAMEO 1.1b3 mapping, 2021 table)',
    },
    coder: `herodotus ${e.coder}`,
    coded_date: e.storedAt.slice(0, 10),
    coded_time: e.storedAt.slice(11),
    ...(Object.keys(size).length > 0 ? { size } : {}),
    herodotus: {
      global_id: e.globalId,
      cluster: e.clusterId,
      document: e.documentId,
      event: e.eventId,
      num_mentions: e.numMentions,
      num_sources: e.numSources,
      num_articles: e.numArticles,
      first_seen: e.firstSeen,
      last_seen: e.lastSeen,
      ...(e.link ? { representative: e.link.representative, link_partner: e.link.partner, link_score: e.link.score, link_reason: e.link.reason } : {}),
      date: e.date,
      date_precision: e.datePrecision,
      date_basis: e.dateBasis,
      cameo: e.cameo.code,
      source_code: e.source?.code ?? null,
      target_code: e.target?.code ?? null,
      trigger: e.trigger,
      confidence: e.confidence,
      rule: e.rule,
      ...(e.size.participants !== undefined ? { participants: e.size.participants } : {}),
      corrected: e.correction !== undefined,
      ...(e.correction ? { correction: { kind: e.correction.kind, fields: e.correction.fields, by: e.correction.author, at: e.correction.at } } : {}),
    },
  };
}
