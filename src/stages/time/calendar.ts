/**
 * Calendar arithmetic on plain dates (UTC, no time zone) and TIMEX3 value formatting by granularity.
 */
import type { Unit } from './lexicon.js';

export type Granularity = 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'half' | 'year' | 'decade' | 'century';

export interface CalDate {
  readonly y: number;
  readonly m: number; // 1–12
  readonly d: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function parseIsoDate(value: string | undefined): CalDate | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

function toUtc(date: CalDate): Date {
  const js = new Date(Date.UTC(2000, date.m - 1, date.d));
  js.setUTCFullYear(date.y);
  return js;
}

function fromUtc(js: Date): CalDate {
  return { y: js.getUTCFullYear(), m: js.getUTCMonth() + 1, d: js.getUTCDate() };
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= fromUtc(new Date(Date.UTC(y, m, 0))).d;
}

export function addDays(date: CalDate, n: number): CalDate {
  const js = toUtc(date);
  js.setUTCDate(js.getUTCDate() + n);
  return fromUtc(js);
}

/** Adds months, clamping the day to the target month's length. */
export function addMonths(date: CalDate, n: number): CalDate {
  const index = date.y * 12 + (date.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = fromUtc(new Date(Date.UTC(y, m, 0))).d;
  return { y, m, d: Math.min(date.d, last) };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: CalDate): number {
  return ((toUtc(date).getUTCDay() + 6) % 7) + 1;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(date: CalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - weekday(date));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const days = Math.round((toUtc(thursday).getTime() - toUtc(jan1).getTime()) / 86_400_000);
  return { year: thursday.y, week: Math.floor(days / 7) + 1 };
}

export function compare(a: CalDate, b: CalDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Moves a date by n calendar units. */
export function shift(date: CalDate, unit: Unit, n: number): CalDate {
  switch (unit) {
    case 'day': return addDays(date, n);
    case 'week': case 'weekend': return addDays(date, 7 * n);
    case 'fortnight': return addDays(date, 14 * n);
    case 'month': return addMonths(date, n);
    case 'quarter': return addMonths(date, 3 * n);
    case 'year': return addMonths(date, 12 * n);
    case 'decade': return addMonths(date, 120 * n);
    case 'century': return addMonths(date, 1200 * n);
    default: return date; // hours and below do not move a date
  }
}

export function granularityOf(unit: Unit): Granularity {
  switch (unit) {
    case 'week': case 'fortnight': return 'week';
    case 'weekend': return 'weekend';
    case 'month': return 'month';
    case 'quarter': return 'quarter';
    case 'year': return 'year';
    case 'decade': return 'decade';
    case 'century': return 'century';
    default: return 'day';
  }
}

export const formatYear = (y: number): string => pad(y, 4);

/** The TIMEX3 value of a date at a granularity: 2024-01-12, 2024-W02, 2024-W02-WE, 2024-01, 2024-Q1, 2024-H1, 2024, 202, 20. */
export function format(date: CalDate, granularity: Granularity): string {
  switch (granularity) {
    case 'day': return `${formatYear(date.y)}-${pad(date.m)}-${pad(date.d)}`;
    case 'week': { const w = isoWeek(date); return `${formatYear(w.year)}-W${pad(w.week)}`; }
    case 'weekend': { const w = isoWeek(date); return `${formatYear(w.year)}-W${pad(w.week)}-WE`; }
    case 'month': return `${formatYear(date.y)}-${pad(date.m)}`;
    case 'quarter': return `${formatYear(date.y)}-Q${Math.floor((date.m - 1) / 3) + 1}`;
    case 'half': return `${formatYear(date.y)}-H${date.m <= 6 ? 1 : 2}`;
    case 'year': return formatYear(date.y);
    case 'decade': return formatYear(date.y).slice(0, 3);
    case 'century': return formatYear(date.y).slice(0, 2);
  }
}

/** The underspecified TIMEX3 value of a granularity, for relative dates without a publication date. */
export function underspecified(granularity: Granularity): string {
  switch (granularity) {
    case 'day': return 'XXXX-XX-XX';
    case 'week': return 'XXXX-WXX';
    case 'weekend': return 'XXXX-WXX-WE';
    case 'month': return 'XXXX-XX';
    case 'quarter': return 'XXXX-QX';
    case 'half': return 'XXXX-HX';
    case 'year': return 'XXXX';
    case 'decade': return 'XXX';
    case 'century': return 'XX';
  }
}

export { pad };
