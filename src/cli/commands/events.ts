import type { AggregateQuery, ClusterQuery, EventQuery, Store } from '../../store/store.js';
import { EVENT_CSV_HEADER, eventCsvLine, eventsTable, rowsFromStore } from '../format/events.js';
import { CLUSTER_CSV_HEADER, clusterCsvLine, clusterJson, clustersTable, mentionsTable } from '../format/clusters.js';
import { csvRow } from '../format/csv.js';
import { renderTable } from '../format/table.js';

export type ListFormat = 'table' | 'jsonl' | 'json' | 'csv';

/** `herodotus events --mentions`: one row per stored event mention (one article sentence), as before clusters. */
export async function runEvents(store: Store, query: EventQuery, format: ListFormat, write: (s: string) => void): Promise<number> {
  const events = await store.events(query);
  if (format === 'jsonl') for (const e of events) write(JSON.stringify(e) + '\n');
  else if (format === 'json') write(JSON.stringify(events, null, 2) + '\n');
  else if (format === 'csv') {
    write(csvRow(EVENT_CSV_HEADER) + '\n');
    for (const row of rowsFromStore(events)) write(eventCsvLine(row) + '\n');
  } else {
    const stats = await store.stats();
    if (events.length === 0) write(`no events match (${stats.documents} documents, ${stats.events} events stored)\n`);
    else write(eventsTable(rowsFromStore(events)) + `\n${events.length} event(s) of ${stats.events} stored, from ${stats.documents} document(s)\n`);
  }
  return events.length;
}

/** `herodotus events`: one row per event cluster (a real-world event) with its mention counts. */
export async function runClusters(store: Store, query: ClusterQuery & { asOf?: string }, format: ListFormat, write: (s: string) => void): Promise<number> {
  const { asOf, ...filters } = query;
  const clusters = asOf ? await store.clustersAsOf(asOf, filters) : await store.clusters(filters);
  if (format === 'jsonl') for (const c of clusters) write(JSON.stringify(clusterJson(c)) + '\n');
  else if (format === 'json') write(JSON.stringify(clusters.map(clusterJson), null, 2) + '\n');
  else if (format === 'csv') {
    write(csvRow(CLUSTER_CSV_HEADER) + '\n');
    for (const c of clusters) write(clusterCsvLine(c) + '\n');
  } else {
    const stats = await store.linkStats();
    if (clusters.length === 0) write(`no events match (${stats.clusters} events from ${stats.mentions} mentions stored)\n`);
    else write(clustersTable(clusters) + `\n${clusters.length} event(s) of ${stats.clusters} stored, from ${stats.mentions} mention(s)\n`);
  }
  return clusters.length;
}

/** `herodotus mentions ID`: the mentions of one cluster with their linking decisions. */
export async function runMentions(store: Store, id: string, format: ListFormat, write: (s: string) => void): Promise<number> {
  const mentions = await store.clusterMentions(id);
  if (format === 'jsonl') for (const m of mentions) write(JSON.stringify(m) + '\n');
  else if (format === 'json') write(JSON.stringify(mentions, null, 2) + '\n');
  else if (format === 'csv') {
    const cols = ['clusterId', 'mentionId', 'documentId', 'eventId', 'published', 'outlet', 'countedOutlet', 'story', 'copyOf', 'cameo', 'sourceCode', 'targetCode', 'date', 'placeName', 'partner', 'score', 'reason', 'evidence'] as const;
    write(csvRow([...cols]) + '\n');
    for (const m of mentions) write(csvRow(cols.map((k) => m[k] ?? '')) + '\n');
  } else write(mentions.length ? mentionsTable(mentions) + `\n${mentions.length} mention(s)\n` : `no event ${id}\n`);
  return mentions.length;
}

export type StatsRequest = { kind: 'series'; query: AggregateQuery } | { kind: 'actors'; query: ClusterQuery } | { kind: 'panel'; query: ClusterQuery };

/** `herodotus stats`: counts per period and group, top actors, or a country-month panel. */
export async function runStats(store: Store, request: StatsRequest, format: ListFormat, write: (s: string) => void, note: (s: string) => void): Promise<number> {
  let rows: Array<Record<string, string | number | null>>;
  if (request.kind === 'series') {
    const result = await store.aggregate(request.query);
    if (result.coarser > 0) note(`${result.coarser} event(s) dated less precisely than a ${request.query.by} are left out`);
    rows = result.rows.map((r) => ({ ...r }));
    if ((request.query.group ?? 'none') === 'none') rows = rows.map(({ group, ...r }) => (void group, r));
  } else if (request.kind === 'actors') rows = (await store.topActors(request.query)).map((r) => ({ ...r }));
  else rows = (await store.countryMonthPanel(request.query)).map((r) => ({ ...r }));
  if (format === 'jsonl') for (const r of rows) write(JSON.stringify(r) + '\n');
  else if (format === 'json') write(JSON.stringify(rows, null, 2) + '\n');
  else if (rows.length === 0) write(format === 'csv' ? '' : 'no events match\n');
  else {
    const keys = Object.keys(rows[0]);
    if (format === 'csv') {
      write(csvRow(keys) + '\n');
      for (const r of rows) write(csvRow(keys.map((k) => r[k] ?? '')) + '\n');
    } else write(renderTable(rows, keys.map((k) => ({ header: k, value: (r: Record<string, string | number | null>) => r[k], ...(typeof rows[0][k] === 'number' ? { align: 'right' as const } : {}) }))) + '\n');
  }
  return rows.length;
}
