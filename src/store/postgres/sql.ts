/** Small helpers over node-postgres: numbered parameters, bulk inserts through unnest, and row types. */
import pg from 'pg';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

/** A pool or a client inside a transaction: anything that runs a query. */
export type Queryable = { query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> };

export type Client = PoolClient;

const INT8 = 20;
const DATE = 1082;

/**
 * How values come back: bigint keys and counts as numbers (they stay far below 2^53), dates as their
 * ISO text; everything else as node-postgres reads it. Per pool, so no process-wide parser changes.
 */
export const TYPE_PARSERS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores: it is written as U+FFFD, one UTF-16 code unit for
 * another, so every span stays where it was.
 */
export function storable<T>(value: T): T {
  return (typeof value === 'string' && value.includes('\u0000') ? value.replace(/\u0000/g, '\ufffd') : value) as T;
}

/** Numbered parameters collected while a statement is built: `p.add(value)` gives `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(Array.isArray(value) ? value.map(storable) : storable(value));
    return `$${this.values.length}`;
  }
}

/** A column of a bulk insert: its name and PostgreSQL type. */
export type Column = readonly [name: string, type: string];

/**
 * Inserts rows in one statement: one array parameter per column, zipped by unnest. `suffix` is appended
 * (ON CONFLICT …, RETURNING …). Strings go as text, so they are encoded exactly as single values are.
 */
export async function insertRows<R extends QueryResultRow = QueryResultRow>(db: Queryable, table: string, columns: readonly Column[], rows: readonly (readonly unknown[])[], suffix = ''): Promise<QueryResult<R> | null> {
  if (rows.length === 0) return null;
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const values = columns.map((_, i) => rows.map((r) => storable(r[i] ?? null)));
  return db.query<R>(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${suffix}`, values);
}
