/** Periods of the timeline (2024-01-12, 2024-W02, 2024-01): every period between two, and the days each covers. */
export type Interval = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** Monday of ISO week `2024-W02`. */
function weekStart(period: string): number {
  const [y, w] = period.split('-W').map(Number);
  const jan4 = Date.UTC(y, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return mondayOfWeek1 + (w - 1) * 7 * DAY;
}

/** The first and last day a period covers. */
export function periodDays(period: string, interval: Interval): { from: string; to: string } {
  if (interval === 'day') return { from: period, to: period };
  if (interval === 'week') {
    const start = weekStart(period);
    return { from: iso(start), to: iso(start + 6 * DAY) };
  }
  const [y, m] = period.split('-').map(Number);
  return { from: `${period}-01`, to: iso(Date.UTC(y, m, 1) - DAY) };
}

/** The period after this one. */
function next(period: string, interval: Interval): string {
  if (interval === 'day') return iso(ms(period) + DAY);
  if (interval === 'week') {
    const d = new Date(weekStart(period) + 7 * DAY + 3 * DAY);
    const year = d.getUTCFullYear();
    const week = 1 + Math.round((d.getTime() - weekStart(`${year}-W01`) - 3 * DAY) / (7 * DAY));
    return `${year}-W${String(week).padStart(2, '0')}`;
  }
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every period from the first to the last (inclusive), so empty periods show as gaps; at most `max`. */
export function periodsBetween(first: string, last: string, interval: Interval, max = 800): string[] {
  const out = [first];
  while (out[out.length - 1] < last && out.length < max) out.push(next(out[out.length - 1], interval));
  return out;
}
