/** Fills a new SQLite store with the synthetic store (src/bench/synthetic-events.ts) by bulk inserts, in transactions of a few thousand rows. */
import type Database from 'better-sqlite3';
import { eventCountryOf } from '../store/rows.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { CLUSTER_COLUMNS, clusterColumns, syntheticStore, type SyntheticCluster, type SyntheticDocument } from './synthetic-events.js';

const flag = (b: boolean): number => (b ? 1 : 0);

export async function fillSqlite(path: string, clusters: number, progress: (line: string) => void = () => {}): Promise<void> {
  const store = openSqliteStore(path);
  const db: Database.Database = store.db;
  try {
    db.pragma('synchronous = OFF');
    const now = new Date().toISOString();
    db.prepare("INSERT INTO coders (key, fingerprint, descriptor) VALUES (1, 'synthetic', '{\"synthetic\":true}')").run();
    const insertDocument = db.prepare(`INSERT INTO documents (key, id, content_hash, source, published, language, text, coded_json, coder_version, stored_at, coder_key, coded_at)
      VALUES (?, ?, ?, ?, ?, 'en', ?, ?, 'synthetic', ?, 1, ?)`);
    const insertEvent = db.prepare(`INSERT INTO events (key, document_key, event_id, sentence, trigger_text, trigger_start, trigger_end,
        source_code, source_name, source_country, target_code, target_name, target_country, cameo_code, cameo_root, quad_class, goldstein,
        plover_type, plover_mode, plover_contexts, event_date, date_precision, date_basis, place_name, place_country, lat, lon, negated, future, hypothetical, confidence, rule, coder)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertSyndication = db.prepare("INSERT INTO syndication (document_key, shingles, minhash, story, outlet) VALUES (?, 0, x'', ?, ?)");
    const insertCountry = db.prepare('INSERT OR IGNORE INTO document_countries (document_key, country) VALUES (?, ?)');
    const insertCluster = db.prepare(`INSERT INTO clusters (${CLUSTER_COLUMNS.join(', ')}) VALUES (${CLUSTER_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    const insertMention = db.prepare(`INSERT INTO mentions (event_key, document_key, mention_id, block, width, date_lo, date_hi, place_level, plover_mode, plover_contexts, evidence, coder_key, cluster_key, partner, score, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`);
    const insertText = db.prepare('INSERT INTO mention_fts (rowid, evidence) VALUES (?, ?)');

    const addDocument = (d: SyntheticDocument): void => {
      const { text, ...rest } = d.coded;
      insertDocument.run(d.key, d.coded.id, d.contentHash, d.coded.source, d.coded.published, text, JSON.stringify(rest), now, now);
      insertSyndication.run(d.key, d.coded.id, d.coded.source);
      const countries = new Set<string>();
      for (const e of d.coded.events) {
        insertEvent.run(d.eventKeys.get(e.id), d.key, e.id, e.sentence, e.trigger.text, e.trigger.start, e.trigger.end,
          e.source?.code ?? null, e.source?.name ?? null, eventCountryOf(e.source?.code), e.target?.code ?? null, e.target?.name ?? null, eventCountryOf(e.target?.code),
          e.cameo.code, e.cameo.root, e.cameo.quadClass, e.cameo.goldstein, e.plover.type, e.plover.mode ?? null, e.plover.contexts.join(','),
          e.date.value, e.date.precision, e.date.basis, e.place?.name ?? null, e.place?.country ?? null, e.place?.lat ?? null, e.place?.lon ?? null,
          flag(e.modality.negated), flag(e.modality.future), flag(e.modality.hypothetical), e.confidence, e.rule, e.coder);
        for (const c of [e.source?.code.slice(0, 3), e.target?.code.slice(0, 3), e.place?.country]) if (c) countries.add(c);
      }
      for (const c of countries) insertCountry.run(d.key, c);
    };
    const addCluster = (c: SyntheticCluster): void => {
      const values = clusterColumns(c, now);
      for (const k of ['symmetric', 'negated', 'future', 'hypothetical'] as const) values[k] = flag(values[k] === true);
      insertCluster.run(values);
      for (const m of c.mentions) {
        insertMention.run(m.eventKey, m.documentKey, m.mention.id, m.block, m.interval.width, m.interval.lo, m.interval.hi, m.mention.place?.level ?? null, m.mode,
          [...m.contexts].sort().join(','), m.evidence, c.key, m.partner, m.score, m.reason);
        insertText.run(m.eventKey, m.evidence);
      }
    };

    let pending: Array<() => void> = [];
    const flush = db.transaction((work: Array<() => void>) => {
      for (const w of work) w();
    });
    let done = 0;
    for (const item of syntheticStore(clusters)) {
      if (item.kind === 'document') pending.push(() => addDocument(item.document));
      else {
        pending.push(() => addCluster(item.cluster));
        if (++done % 100_000 === 0) progress(`sqlite: ${done} clusters`);
      }
      if (pending.length >= 5_000) {
        flush(pending);
        pending = [];
      }
    }
    flush(pending);
    db.exec('ANALYZE');
  } finally {
    await store.close();
  }
}
