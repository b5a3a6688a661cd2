/** The corrections table (schema v6): analysts' corrections, append only, resolved against the current coding. */
import type Database from 'better-sqlite3';
import type { CodedDocument } from '../../core/contract.js';
import { resolveAnchor } from '../../corrections/anchor.js';
import type { Correction, CorrectionInput } from '../store.js';

interface CorrectionRow {
  key: number;
  document_id: string;
  sentence_start: number;
  sentence_end: number;
  trigger_start: number;
  trigger_end: number;
  trigger_text: string;
  source_code: string | null;
  target_code: string | null;
  cluster_id: string;
  kind: Correction['kind'];
  fields: string;
  original: string;
  author: string;
  note: string | null;
  created_at: string;
}

export class CorrectionTables {
  private readonly db: Database.Database;
  /** Reads a stored document's current coding (the store's own reader). */
  private readonly read: (documentId: string) => CodedDocument | null;

  constructor(db: Database.Database, read: (documentId: string) => CodedDocument | null) {
    this.db = db;
    this.read = read;
  }

  add(input: CorrectionInput): Correction {
    const at = input.at ?? new Date().toISOString();
    const { anchor } = input;
    const info = this.db
      .prepare(`INSERT INTO corrections (document_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, source_code, target_code, cluster_id, kind, fields, original, author, note, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(anchor.documentId, anchor.sentence.start, anchor.sentence.end, anchor.trigger.start, anchor.trigger.end, anchor.trigger.text, anchor.source, anchor.target, input.clusterId, input.kind, JSON.stringify(input.fields), JSON.stringify(input.original), input.author, input.note ?? null, at);
    const row = this.db.prepare('SELECT * FROM corrections WHERE key = ?').get(Number(info.lastInsertRowid)) as CorrectionRow;
    return this.resolved([row])[0];
  }

  all(): Correction[] {
    // A database opened read-only before its upgrade to schema v6 has no corrections yet.
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get()) return [];
    return this.resolved(this.db.prepare('SELECT * FROM corrections ORDER BY key').all() as CorrectionRow[]);
  }

  /** Each row with the event its anchor finds in the current coding, and that event's cluster. */
  private resolved(rows: readonly CorrectionRow[]): Correction[] {
    const docs = new Map<string, CodedDocument | null>();
    const clusterOf = this.db.prepare(`SELECT c.cluster_id AS id FROM documents d JOIN events e ON e.document_key = d.key JOIN mentions m ON m.event_key = e.key
      JOIN clusters c ON c.key = m.cluster_key WHERE d.key = (SELECT key FROM documents WHERE id = ? ORDER BY key LIMIT 1) AND e.event_id = ?`);
    return rows.map((r) => {
      if (!docs.has(r.document_id)) docs.set(r.document_id, this.read(r.document_id));
      const doc = docs.get(r.document_id) ?? null;
      const anchor = { documentId: r.document_id, sentence: { start: r.sentence_start, end: r.sentence_end }, trigger: { start: r.trigger_start, end: r.trigger_end, text: r.trigger_text }, source: r.source_code, target: r.target_code };
      const event = doc ? resolveAnchor(anchor, doc) : null;
      const cluster = event ? (clusterOf.get(r.document_id, event.id) as { id: string } | undefined) : undefined;
      return {
        id: r.key,
        anchor,
        clusterId: r.cluster_id,
        kind: r.kind,
        fields: JSON.parse(r.fields) as Correction['fields'],
        original: JSON.parse(r.original) as Correction['original'],
        author: r.author,
        ...(r.note !== null ? { note: r.note } : {}),
        at: r.created_at,
        current: event && cluster ? { eventId: event.id, clusterId: cluster.id } : null,
      };
    });
  }
}
