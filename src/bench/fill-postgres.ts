/** Fills a new PostgreSQL store with the synthetic store (src/bench/synthetic-events.ts) by bulk inserts (unnest), a few thousand rows a statement. */
import { partitionMonth } from '../store/postgres/partitions.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { tsvectorLiteral } from '../store/postgres/full-text.js';
import { insertRows, type Column } from '../store/postgres/sql.js';
import { eventCountryOf } from '../store/rows.js';
import { CLUSTER_COLUMNS, clusterColumns, FIRST_DAY, SYNTHETIC_YEARS, syntheticStore, type SyntheticCluster, type SyntheticDocument } from './synthetic-events.js';

const DOCUMENT: readonly Column[] = [['key', 'bigint'], ['id', 'text'], ['content_hash', 'text'], ['source', 'text'], ['published', 'text'], ['language', 'text'], ['text', 'text'], ['coded_json', 'text'], ['coder_version', 'text'], ['stored_at', 'text'], ['coder_key', 'bigint'], ['coded_at', 'text']];
const EVENT: readonly Column[] = [
  ['key', 'bigint'], ['event_month', 'date'], ['document_key', 'bigint'], ['event_id', 'text'], ['sentence', 'integer'], ['trigger_text', 'text'], ['trigger_start', 'integer'], ['trigger_end', 'integer'],
  ['source_code', 'text'], ['source_name', 'text'], ['source_country', 'text'], ['target_code', 'text'], ['target_name', 'text'], ['target_country', 'text'],
  ['cameo_code', 'text'], ['cameo_root', 'text'], ['quad_class', 'integer'], ['goldstein', 'float8'], ['plover_type', 'text'], ['plover_mode', 'text'], ['plover_contexts', 'text'],
  ['event_date', 'text'], ['date_precision', 'text'], ['date_basis', 'text'], ['place_name', 'text'], ['place_country', 'text'], ['lat', 'float8'], ['lon', 'float8'],
  ['negated', 'boolean'], ['future', 'boolean'], ['hypothetical', 'boolean'], ['confidence', 'float8'], ['rule', 'text'], ['coder', 'text'],
];
const SYNDICATION: readonly Column[] = [['document_key', 'bigint'], ['shingles', 'integer'], ['minhash', 'bytea'], ['story', 'text'], ['outlet', 'text']];
const COUNTRY: readonly Column[] = [['document_key', 'bigint'], ['country', 'text']];
const TYPES: Record<string, string> = { key: 'bigint', representative: 'bigint', quad_class: 'integer', goldstein: 'float8', symmetric: 'boolean', lat: 'float8', lon: 'float8', negated: 'boolean', future: 'boolean', hypothetical: 'boolean', num_mentions: 'integer', num_articles: 'integer', num_stories: 'integer', num_sources: 'integer' };
const CLUSTER: readonly Column[] = [
  ...CLUSTER_COLUMNS.map((c): Column => [c === 'symmetric' ? '"symmetric"' : c, TYPES[c] ?? 'text']),
  ['representative_month', 'date'], ['representative_document', 'text'], ['representative_event', 'text'], ['representative_evidence', 'text'],
];
const MENTION: readonly Column[] = [
  ['event_key', 'bigint'], ['event_month', 'date'], ['document_key', 'bigint'], ['mention_id', 'text'], ['block', 'text'], ['width', 'integer'], ['date_lo', 'text'], ['date_hi', 'text'],
  ['place_level', 'text'], ['plover_mode', 'text'], ['plover_contexts', 'text'], ['evidence', 'text'], ['evidence_words', 'tsvector'], ['coder_key', 'bigint'], ['cluster_key', 'bigint'],
  ['partner', 'text'], ['score', 'float8'], ['reason', 'text'],
];

export async function fillPostgres(url: string, clusters: number, progress: (line: string) => void = () => {}): Promise<void> {
  const store = await openPostgresStore(url);
  const db = store.pool;
  try {
    const now = new Date().toISOString();
    await db.query("INSERT INTO coders (key, fingerprint, descriptor) VALUES (1, 'synthetic', '{\"synthetic\":true}')");
    // Every month of the synthetic years has its partitions before the first row.
    const first = Number(FIRST_DAY.slice(0, 4));
    const months = Array.from({ length: SYNTHETIC_YEARS * 12 }, (_, i) => `${first + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const tx = await db.connect();
    try {
      await tx.query('BEGIN');
      store.partitions.created(await store.partitions.ensure(tx, months));
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
    const rows = { documents: [] as unknown[][], events: [] as unknown[][], syndication: [] as unknown[][], countries: [] as unknown[][], clusters: [] as unknown[][], mentions: [] as unknown[][] };
    const monthOf = new Map<number, string>();
    const flush = async (): Promise<void> => {
      await insertRows(db, 'documents', DOCUMENT, rows.documents.splice(0));
      await insertRows(db, 'syndication', SYNDICATION, rows.syndication.splice(0));
      await insertRows(db, 'document_countries', COUNTRY, rows.countries.splice(0), 'ON CONFLICT DO NOTHING');
      await insertRows(db, 'events', EVENT, rows.events.splice(0));
      await insertRows(db, 'clusters', CLUSTER, rows.clusters.splice(0));
      await insertRows(db, 'mentions', MENTION, rows.mentions.splice(0));
    };
    const addDocument = (d: SyntheticDocument): void => {
      const { text, ...rest } = d.coded;
      rows.documents.push([d.key, d.coded.id, d.contentHash, d.coded.source, d.coded.published, 'en', text, JSON.stringify(rest), 'synthetic', now, 1, now]);
      rows.syndication.push([d.key, 0, Buffer.alloc(0), d.coded.id, d.coded.source]);
      const countries = new Set<string>();
      for (const e of d.coded.events) {
        const key = d.eventKeys.get(e.id) as number;
        const month = partitionMonth({ date: e.date.value, precision: e.date.precision, basis: e.date.basis });
        monthOf.set(key, month);
        rows.events.push([key, month, d.key, e.id, e.sentence, e.trigger.text, e.trigger.start, e.trigger.end,
          e.source?.code ?? null, e.source?.name ?? null, eventCountryOf(e.source?.code), e.target?.code ?? null, e.target?.name ?? null, eventCountryOf(e.target?.code),
          e.cameo.code, e.cameo.root, e.cameo.quadClass, e.cameo.goldstein, e.plover.type, e.plover.mode ?? null, e.plover.contexts.join(','),
          e.date.value, e.date.precision, e.date.basis, e.place?.name ?? null, e.place?.country ?? null, e.place?.lat ?? null, e.place?.lon ?? null,
          e.modality.negated, e.modality.future, e.modality.hypothetical, e.confidence, e.rule, e.coder]);
        for (const c of [e.source?.code.slice(0, 3), e.target?.code.slice(0, 3), e.place?.country]) if (c) countries.add(c);
      }
      for (const c of countries) rows.countries.push([d.key, c]);
    };
    const addCluster = (c: SyntheticCluster): void => {
      const values = clusterColumns(c, now);
      const rep = c.mentions[0];
      rows.clusters.push([...CLUSTER_COLUMNS.map((k) => values[k]), monthOf.get(c.representative.eventKey), rep.mention.documentId, c.representative.event.id, rep.evidence]);
      for (const m of c.mentions) {
        rows.mentions.push([m.eventKey, monthOf.get(m.eventKey), m.documentKey, m.mention.id, m.block, m.interval.width, m.interval.lo, m.interval.hi, m.mention.place?.level ?? null,
          m.mode, [...m.contexts].sort().join(','), m.evidence, tsvectorLiteral(m.evidence), 1, c.key, m.partner, m.score, m.reason]);
        monthOf.delete(m.eventKey);
      }
    };
    let done = 0;
    for (const item of syntheticStore(clusters)) {
      if (item.kind === 'document') addDocument(item.document);
      else {
        addCluster(item.cluster);
        if (++done % 100_000 === 0) progress(`postgres: ${done} clusters`);
      }
      if (rows.events.length + rows.mentions.length >= 20_000) await flush();
    }
    await flush();
    for (const [table, column] of [['documents', 'key'], ['clusters', 'key'], ['coders', 'key']]) {
      await db.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), (SELECT max(${column}) FROM ${table}))`);
    }
    await db.query("SELECT setval('events_key_seq', (SELECT max(key) FROM events))");
    await db.query('ANALYZE');
  } finally {
    await store.close();
  }
}
