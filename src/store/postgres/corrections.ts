/** The corrections table of the PostgreSQL store (schema v6), read as the SQLite store reads it (correction-rows.ts). */
import type { CodedDocument } from '../../core/contract.js';
import { CORRECTION_COLUMNS, correctionValues, toCorrection, type CorrectionRow } from '../correction-rows.js';
import type { Correction, CorrectionInput } from '../store.js';
import type { Queryable } from './sql.js';

const CLUSTER_OF = `SELECT c.cluster_id AS id FROM documents d JOIN events e ON e.document_key = d.key
  JOIN mentions m ON m.event_key = e.key AND m.event_month = e.event_month JOIN clusters c ON c.key = m.cluster_key
  WHERE d.key = (SELECT key FROM documents WHERE id = $1 ORDER BY key LIMIT 1) AND e.event_id = $2`;

export async function addCorrection(db: Queryable, input: CorrectionInput, read: (id: string) => Promise<CodedDocument | null>): Promise<Correction> {
  const values = correctionValues(input, input.at ?? new Date().toISOString());
  const { rows } = await db.query<CorrectionRow>(`INSERT INTO corrections (${CORRECTION_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`, values);
  return (await resolved(db, rows, read))[0];
}

export async function allCorrections(db: Queryable, read: (id: string) => Promise<CodedDocument | null>): Promise<Correction[]> {
  const { rows } = await db.query<CorrectionRow>('SELECT * FROM corrections ORDER BY key');
  return resolved(db, rows, read);
}

async function resolved(db: Queryable, rows: readonly CorrectionRow[], read: (id: string) => Promise<CodedDocument | null>): Promise<Correction[]> {
  const docs = new Map<string, CodedDocument | null>();
  const out: Correction[] = [];
  for (const r of rows) {
    if (!docs.has(r.document_id)) docs.set(r.document_id, await read(r.document_id));
    out.push(
      await toCorrection(r, docs.get(r.document_id) ?? null, async (doc, event) => {
        const found = await db.query<{ id: string }>(CLUSTER_OF, [doc, event]);
        return found.rows[0]?.id;
      }),
    );
  }
  return out;
}
