/** The export formats and row units (a module of its own: the command line reads them at start-up without loading the exporters). */
export const EXPORT_FORMATS = ['gdelt', 'gdelt-mentions', 'icews', 'plover', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA: Readonly<Record<ExportFormat, { contentType: string; extension: string }>> = {
  gdelt: { contentType: 'text/tab-separated-values; charset=utf-8', extension: 'export.tsv' },
  'gdelt-mentions': { contentType: 'text/tab-separated-values; charset=utf-8', extension: 'mentions.tsv' },
  icews: { contentType: 'text/tab-separated-values; charset=utf-8', extension: 'icews.tsv' },
  plover: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'plover.jsonl' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'events.csv' },
  parquet: { contentType: 'application/vnd.apache.parquet', extension: 'events.parquet' },
};

/** Row unit of the CSV, Parquet and PLOVER exports: one row per event cluster (default) or per mention. */
export const EXPORT_UNITS = ['event', 'mention'] as const;
export type ExportUnit = (typeof EXPORT_UNITS)[number];

/** The formats `per: 'mention'` applies to (GDELT and ICEWS tables have a fixed unit: the mentions table is GDELT's). */
export const PER_MENTION_FORMATS: readonly ExportFormat[] = ['plover', 'csv', 'parquet'];
