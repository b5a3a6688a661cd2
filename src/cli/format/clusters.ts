import type { ClusterMention, EventCluster } from '../../store/store.js';
import { csvRow } from './csv.js';
import { renderTable } from './table.js';

const actor = (a: { code: string; name?: string } | null): string => (a ? `${a.code}${a.name ? ` (${a.name})` : ''}` : '');
const place = (c: EventCluster): string => (c.place ? `${c.place.name}, ${c.place.country}` : '');

/** One cluster as a JSON line: the event fields of the output contract plus its counts. */
export function clusterJson(c: EventCluster): Record<string, unknown> {
  return {
    id: c.id,
    cameo: c.cameo,
    plover: c.plover,
    source: c.source,
    target: c.target,
    date: c.date,
    place: c.place,
    modality: c.modality,
    numMentions: c.numMentions,
    numSources: c.numSources,
    numArticles: c.numArticles,
    numStories: c.numStories,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
    representative: c.representative,
  };
}

export function clustersTable(clusters: readonly EventCluster[]): string {
  return renderTable(clusters, [
    { header: 'date', value: (c) => c.date.value, max: 10 },
    { header: 'source', value: (c) => actor(c.source), max: 30 },
    { header: 'action', value: (c) => `${c.cameo.code} ${c.plover.type}`, max: 24 },
    { header: 'target', value: (c) => actor(c.target), max: 30 },
    { header: 'place', value: (c) => place(c), max: 24 },
    { header: 'goldstein', value: (c) => c.cameo.goldstein.toFixed(1), align: 'right' },
    { header: 'mentions', value: (c) => c.numMentions, align: 'right' },
    { header: 'articles', value: (c) => c.numArticles, align: 'right' },
    { header: 'sources', value: (c) => c.numSources, align: 'right' },
    { header: 'id', value: (c) => c.id },
  ]);
}

/** The mention-level CSV columns first (unchanged), cluster columns added after them. */
export const CLUSTER_CSV_HEADER = [
  'document', 'date', 'source', 'cameo', 'plover', 'target', 'place', 'goldstein', 'quad_class', 'trigger', 'rule',
  'cluster', 'date_precision', 'num_mentions', 'num_sources', 'num_articles', 'num_stories', 'first_seen', 'last_seen', 'evidence',
];

export function clusterCsvLine(c: EventCluster): string {
  return csvRow([
    c.representative.documentId, c.date.value, actor(c.source), c.cameo.code, c.plover.type, actor(c.target), place(c), c.cameo.goldstein, c.cameo.quadClass, '', '',
    c.id, c.date.precision, c.numMentions, c.numSources, c.numArticles, c.numStories, c.firstSeen, c.lastSeen, c.representative.evidence,
  ]);
}

export function mentionsTable(mentions: readonly ClusterMention[]): string {
  return renderTable(mentions, [
    { header: 'document', value: (m) => m.documentId, max: 40 },
    { header: 'published', value: (m) => (m.published ?? '').slice(0, 10) },
    { header: 'outlet', value: (m) => (m.outlet && m.outlet !== m.countedOutlet ? `${m.outlet} (= ${m.countedOutlet})` : m.countedOutlet), max: 30 },
    { header: 'cameo', value: (m) => m.cameo },
    { header: 'score', value: (m) => m.score.toFixed(2), align: 'right' },
    { header: 'reason', value: (m) => m.reason, max: 70 },
    { header: 'evidence', value: (m) => m.evidence, max: 70 },
  ]);
}
