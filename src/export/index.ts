/**
 * `export`: the stored event clusters in one of the field's formats, as a stream of chunks (text or bytes)
 * that the CLI writes to a file or stdout and the HTTP API sends as the response body.
 */
import type { Store } from '../store/store.js';
import { csvLine, tsvLine } from './delimited.js';
import { GDELT_EVENT_COLUMNS, gdeltEventRow, isAsserted } from './gdelt.js';
import { gdeltMentionRow } from './gdelt-mentions.js';
import { ICEWS_COLUMNS, icewsRow } from './icews.js';
import type { ExportLookups } from './lookups.js';
import { parquetChunks } from './parquet.js';
import { ploverRecord } from './plover.js';
import { exportClusters, type ExportCluster, type ExportEvent, type ExportSourceOptions } from './records.js';
import { TABLE_COLUMNS, tableRow } from './table.js';

export { EXPORT_FORMATS, EXPORT_MEDIA, EXPORT_UNITS, PER_MENTION_FORMATS, type ExportFormat, type ExportUnit } from './formats.js';
import { PER_MENTION_FORMATS, type ExportFormat, type ExportUnit } from './formats.js';

export interface ExportCounts {
  /** Rows written (event clusters, or mentions for gdelt-mentions and `per: 'mention'`). */
  rows: number;
  /** Rows the format has no place for (negated or hypothetical in GDELT/ICEWS, no PLOVER type, no CAMEO name). */
  left: number;
}

export interface ExportOptions extends ExportSourceOptions {
  lookups: ExportLookups;
  /** One row per event cluster (default) or per mention; only for plover, csv and parquet. */
  per?: ExportUnit;
  /** Filled in as the export runs. */
  counts?: ExportCounts;
}

/** Text lines are handed on in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

async function* lines(rows: AsyncIterable<ExportEvent>, header: string | null, line: (e: ExportEvent) => string | null, counts: ExportCounts): AsyncGenerator<string> {
  let buffer = header ?? '';
  for await (const e of rows) {
    const text = line(e);
    if (text === null) {
      counts.left++;
      continue;
    }
    counts.rows++;
    buffer += text;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/** The row stream: each cluster's row, or each of its mention rows. */
async function* rowsOf(clusters: AsyncIterable<ExportCluster>, per: ExportUnit): AsyncGenerator<ExportEvent> {
  for await (const c of clusters) {
    if (per === 'event') yield c.event;
    else yield* c.mentions;
  }
}

/** GDELT's mentions table: the mentions of the clusters the events table has a row for. */
async function* assertedMentions(clusters: AsyncIterable<ExportCluster>, counts: ExportCounts): AsyncGenerator<ExportEvent> {
  for await (const c of clusters) {
    if (isAsserted(c.event)) yield* c.mentions;
    else counts.left += c.mentions.length;
  }
}

/**
 * The export in `format`, chunk by chunk: one row per event cluster (GDELT events, ICEWS, and by default
 * PLOVER, CSV and Parquet), or per mention (GDELT mentions; PLOVER, CSV and Parquet with `per: 'mention'`).
 * GDELT tables have no header row (as GDELT publishes them).
 */
export function exportChunks(store: Store, format: ExportFormat, options: ExportOptions): AsyncGenerator<string | Uint8Array> {
  const counts = options.counts ?? { rows: 0, left: 0 };
  const { lookups } = options;
  const per = options.per ?? 'event';
  if (per !== 'event' && !PER_MENTION_FORMATS.includes(format)) throw new Error(`per mention applies to ${PER_MENTION_FORMATS.join(', ')}, not ${format}`);
  const clusters = exportClusters(store, { ...options, mentions: format === 'gdelt-mentions' || per === 'mention' });
  switch (format) {
    case 'gdelt':
      return lines(rowsOf(clusters, 'event'), null, (e) => (isAsserted(e) ? tsvLine(gdeltEventRow(e, lookups)) : null), counts);
    case 'gdelt-mentions':
      return lines(assertedMentions(clusters, counts), null, (e) => tsvLine(gdeltMentionRow(e)), counts);
    case 'icews':
      return lines(rowsOf(clusters, 'event'), tsvLine(ICEWS_COLUMNS), (e) => {
        const row = isAsserted(e) ? icewsRow(e, lookups) : null;
        return row ? tsvLine(row) : null;
      }, counts);
    case 'plover':
      return lines(rowsOf(clusters, per), null, (e) => {
        const record = ploverRecord(e, lookups);
        return record ? JSON.stringify(record) + '\n' : null;
      }, counts);
    case 'csv':
      return lines(rowsOf(clusters, per), csvLine(TABLE_COLUMNS.map((c) => c.name)), (e) => csvLine(tableRow(e)), counts);
    case 'parquet':
      return (async function* () {
        for await (const chunk of parquetChunks(countRows(rowsOf(clusters, per), counts), per)) yield chunk;
      })();
  }
}

async function* countRows(rows: AsyncIterable<ExportEvent>, counts: ExportCounts): AsyncGenerator<ExportEvent> {
  for await (const e of rows) {
    counts.rows++;
    yield e;
  }
}

export { GDELT_EVENT_COLUMNS, ICEWS_COLUMNS, TABLE_COLUMNS };
export { GDELT_MENTION_COLUMNS } from './gdelt-mentions.js';
export { loadExportLookups, type ExportLookups } from './lookups.js';
export type { ExportProgress } from './records.js';
