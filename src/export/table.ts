/**
 * The flat event table of the CSV and Parquet exports: one row per event cluster (by default) or per mention
 * (`--per mention`), every field of the event record as its own typed column, nothing lost (modality,
 * precision, size, evidence, provenance), with the cluster's id, counts and first report. In a cluster row
 * the report columns (document_id … language) are the representative's; in a mention row they are the
 * mention's own, and representative/link_* say how it joined its cluster.
 */
import type { ExportEvent } from './records.js';

export type ColumnType = 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'BOOLEAN';

export interface TableColumn {
  name: string;
  type: ColumnType;
  value: (e: ExportEvent) => string | number | boolean | null;
}

const s = (name: string, value: (e: ExportEvent) => string | null | undefined): TableColumn => ({ name, type: 'STRING', value: (e) => value(e) ?? null });
const i = (name: string, value: (e: ExportEvent) => number | null | undefined): TableColumn => ({ name, type: 'INT32', value: (e) => value(e) ?? null });
const d = (name: string, value: (e: ExportEvent) => number | null | undefined): TableColumn => ({ name, type: 'DOUBLE', value: (e) => value(e) ?? null });
const b = (name: string, value: (e: ExportEvent) => boolean): TableColumn => ({ name, type: 'BOOLEAN', value });

export const TABLE_COLUMNS: readonly TableColumn[] = [
  { name: 'global_id', type: 'INT64', value: (e) => e.globalId },
  s('id', (e) => e.clusterId),
  s('mention_id', (e) => e.reportId),
  b('representative', (e) => e.link?.representative ?? true),
  s('document_id', (e) => e.documentId),
  s('event_id', (e) => e.eventId),
  s('date', (e) => e.date),
  s('date_precision', (e) => e.datePrecision),
  s('date_basis', (e) => e.dateBasis),
  s('source_code', (e) => e.source?.code),
  s('source_name', (e) => e.source?.name),
  s('source_country', (e) => e.source?.country),
  s('source_sectors', (e) => e.source?.sectors.join(';')),
  s('target_code', (e) => e.target?.code),
  s('target_name', (e) => e.target?.name),
  s('target_country', (e) => e.target?.country),
  s('target_sectors', (e) => e.target?.sectors.join(';')),
  s('cameo_code', (e) => e.cameo.code),
  s('cameo_root', (e) => e.cameo.root),
  i('quad_class', (e) => e.cameo.quadClass),
  d('goldstein', (e) => e.cameo.goldstein),
  s('plover_type', (e) => e.plover.type),
  s('plover_mode', (e) => e.plover.mode),
  s('plover_contexts', (e) => e.plover.contexts.join(';')),
  s('place_name', (e) => e.place?.name),
  s('place_country', (e) => e.place?.country),
  s('place_admin1', (e) => e.place?.admin1),
  d('lat', (e) => e.place?.lat),
  d('lon', (e) => e.place?.lon),
  i('geoname_id', (e) => e.place?.geonameId),
  b('negated', (e) => e.modality.negated),
  b('future', (e) => e.modality.future),
  b('hypothetical', (e) => e.modality.hypothetical),
  i('dead', (e) => e.size.dead),
  i('injured', (e) => e.size.injured),
  i('arrested', (e) => e.size.arrested),
  i('participants', (e) => e.size.participants),
  i('num_mentions', (e) => e.numMentions),
  i('num_sources', (e) => e.numSources),
  i('num_articles', (e) => e.numArticles),
  i('num_stories', (e) => e.numStories),
  s('first_seen', (e) => e.firstSeen || null),
  s('last_seen', (e) => e.lastSeen || null),
  s('date_added', (e) => e.first.storedAt),
  s('first_url', (e) => e.first.url),
  s('first_document_id', (e) => e.first.documentId),
  s('link_partner', (e) => e.link?.partner),
  d('link_score', (e) => e.link?.score),
  s('link_reason', (e) => e.link?.reason),
  s('trigger', (e) => e.trigger.text),
  i('sentence', (e) => e.sentence),
  s('evidence', (e) => e.sentenceText),
  d('confidence', (e) => e.confidence),
  s('rule', (e) => e.rule),
  s('coder', (e) => e.coder),
  s('published', (e) => e.published),
  s('stored_at', (e) => e.storedAt),
  s('url', (e) => e.url),
  s('publisher', (e) => e.publisher),
  s('title', (e) => e.title),
  s('language', (e) => e.language),
  // Analysts' corrections (appended last, so the columns before keep their places).
  b('corrected', (e) => e.correction !== undefined),
  b('marked_wrong', (e) => e.correction?.kind === 'wrong'),
  s('corrected_fields', (e) => e.correction?.fields.join(';')),
  s('corrected_by', (e) => e.correction?.author),
  s('corrected_at', (e) => e.correction?.at),
];

export function tableRow(e: ExportEvent): Array<string | number | boolean | null> {
  return TABLE_COLUMNS.map((c) => c.value(e));
}
