/** The corrections table (schema v6): analysts' corrections, append only, resolved against the current coding. */
import type Database from 'better-sqlite3';
import type { CodedDocument } from '../../core/contract.js';
import { CORRECTION_COLUMNS, correctionValues, toCorrection, type CorrectionRow } from '../correction-rows.js';
import type { Correction, CorrectionInput } from '../store.js';

export class CorrectionTables {
  private readonly db: Database.Database;
  /** Reads a stored document's current coding (the store's own reader). */
  private readonly read: (documentId: string) => CodedDocument | null;

  constructor(db: Database.Database, read: (documentId: string) => CodedDocument | null) {
    this.db = db;
    this.read = read;
  }

  async add(input: CorrectionInput): Promise<Correction> {
    const values = correctionValues(input, input.at ?? new Date().toISOString());
    const info = this.db.prepare(`INSERT INTO corrections (${CORRECTION_COLUMNS}) VALUES (${values.map(() => '?').join(', ')})`).run(...values);
    const row = this.db.prepare('SELECT * FROM corrections WHERE key = ?').get(Number(info.lastInsertRowid)) as CorrectionRow;
    return (await this.resolved([row]))[0];
  }

  // Every read of the API goes through the corrections: their statements are prepared once.
  private listing?: Database.Statement;
  private clusterOf?: Database.Statement;

  async all(): Promise<Correction[]> {
    if (!this.listing) {
      // A database opened read-only before its upgrade to schema v6 has no corrections yet.
      if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get()) return [];
      this.listing = this.db.prepare('SELECT * FROM corrections ORDER BY key');
    }
    return this.resolved(this.listing.all() as CorrectionRow[]);
  }

  /** Each row with the event its anchor finds in the current coding, and that event's cluster. */
  private async resolved(rows: readonly CorrectionRow[]): Promise<Correction[]> {
    if (rows.length === 0) return [];
    const docs = new Map<string, CodedDocument | null>();
    const clusterOf = (this.clusterOf ??= this.db.prepare(`SELECT c.cluster_id AS id FROM documents d JOIN events e ON e.document_key = d.key JOIN mentions m ON m.event_key = e.key
      JOIN clusters c ON c.key = m.cluster_key WHERE d.key = (SELECT key FROM documents WHERE id = ? ORDER BY key LIMIT 1) AND e.event_id = ?`));
    const out: Correction[] = [];
    for (const r of rows) {
      if (!docs.has(r.document_id)) docs.set(r.document_id, this.read(r.document_id));
      out.push(await toCorrection(r, docs.get(r.document_id) ?? null, (doc, event) => (clusterOf.get(doc, event) as { id: string } | undefined)?.id));
    }
    return out;
  }
}
