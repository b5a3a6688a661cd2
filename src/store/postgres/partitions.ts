/**
 * Monthly partitions of the events and mentions tables. A row's partition month is the month of its event
 * date as the linker reads it (src/link/mention.ts: a day, the publication day that stands in for one, or a
 * month); rows with no month — a year, a week or a quarter, an undated story, a year outside 1900–2199 —
 * get UNDATED_MONTH and live in the default partition. Month partitions are created on demand, inside the
 * writing transaction, before the first row of their month is inserted.
 */
import type { PoolClient } from 'pg';
import { dateInterval, PUBLISHED_WINDOW_DAYS, shiftDay, type LinkMention } from '../../link/mention.js';

/** The partition key of rows without a month (the default partition holds only these). */
export const UNDATED_MONTH = '0001-01-01';

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

function monthOfDay(day: string): string {
  const year = Number(day.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR ? `${day.slice(0, 7)}-01` : UNDATED_MONTH;
}

/** The partition month (`YYYY-MM-01`, or UNDATED_MONTH) of an event date. */
export function partitionMonth(date: Pick<LinkMention, 'date' | 'precision' | 'basis'>): string {
  const iv = dateInterval(date);
  if (iv.width === 3 || iv.lo > iv.hi) return UNDATED_MONTH;
  // A publication-day stand-in covers the days before it; the month is the day's own.
  return monthOfDay(iv.width === 1 ? iv.hi : iv.lo);
}

const clampMonth = (month: string): string => (month < `${FIRST_YEAR}-01-01` ? `${FIRST_YEAR}-01-01` : month > `${LAST_YEAR}-12-01` ? `${LAST_YEAR}-12-01` : month);

/**
 * The partition months a linking candidate of a mention with this date interval can be in, besides
 * UNDATED_MONTH: a candidate overlaps [lo, hi], so its day, publication day (at most PUBLISHED_WINDOW_DAYS
 * after its interval starts) or month lies between lo's month and the month PUBLISHED_WINDOW_DAYS after hi.
 */
export function candidateMonths(iv: { lo: string; hi: string }): { from: string; to: string } {
  if (iv.lo > iv.hi) return { from: UNDATED_MONTH, to: UNDATED_MONTH };
  return { from: clampMonth(`${iv.lo.slice(0, 7)}-01`), to: clampMonth(`${shiftDay(iv.hi, PUBLISHED_WINDOW_DAYS).slice(0, 7)}-01`) };
}

const nextMonth = (month: string): string => {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
};

const suffixOf = (month: string): string => `y${month.slice(0, 4)}m${month.slice(5, 7)}`;

/** The partitioned tables, each with one partition per month. */
export const PARTITIONED_TABLES = ['events', 'mentions'] as const;

/** The month partitions known to exist; ensures the ones a write needs. */
export class Partitions {
  private readonly known = new Set<string>();

  /** Reads the month partitions that exist (once, when the store opens). */
  async load(client: Pick<PoolClient, 'query'>): Promise<void> {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'mentions' AND p.relnamespace = current_schema()::regnamespace`,
    );
    for (const { name } of rows) {
      const m = /^mentions_y(\d{4})m(\d{2})$/.exec(name);
      if (m) this.known.add(`${m[1]}-${m[2]}-01`);
    }
  }

  /**
   * Creates the month partitions of `months` that do not exist yet, in the caller's transaction (which must
   * hold the write lock). Returns them; call `created` once that transaction has committed.
   */
  async ensure(tx: Pick<PoolClient, 'query'>, months: Iterable<string>): Promise<string[]> {
    const missing = [...new Set(months)].filter((m) => m !== UNDATED_MONTH && !this.known.has(m)).sort();
    for (const month of missing) {
      if (!/^\d{4}-\d{2}-01$/.test(month)) throw new Error(`not a partition month: ${month}`);
      for (const table of PARTITIONED_TABLES) {
        await tx.query(`CREATE TABLE IF NOT EXISTS ${table}_${suffixOf(month)} PARTITION OF ${table} FOR VALUES FROM ('${month}') TO ('${nextMonth(month)}')`);
      }
    }
    return missing;
  }

  created(months: readonly string[]): void {
    for (const m of months) this.known.add(m);
  }
}
