/**
 * Turning a recognised expression into a TIMEX3 value against the publication date (the DCT) and the
 * clause's tense. Without a DCT every relative expression gets an underspecified value (XXXX-12-27,
 * XXXX-WXX-5, XXXX-XX for "this month") and is never resolved against today.
 */
import { addDays, compare, format, formatYear, granularityOf, pad, shift, underspecified, weekday, type CalDate, type Granularity } from './calendar.js';
import type { Unit } from './lexicon.js';
import type { ClauseTense } from './tense.js';

export interface Env {
  /** The publication date, or null when unknown. */
  readonly dct: CalDate | null;
  /** The tense of the clause holding the expression (computed lazily). */
  tense(): ClauseTense;
}

/** A date n units away from the DCT, at the unit's granularity ("last week", "two years ago"). */
export function relative(env: Env, unit: Unit, n: number, granularity: Granularity = granularityOf(unit)): string {
  return env.dct ? format(shift(env.dct, unit, n), granularity) : underspecified(granularity);
}

function daysBetween(a: CalDate, b: CalDate): number {
  return Math.round((Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d)) / 86_400_000);
}

/** Picks a year for a month (and day) without one: past clause → not after the DCT, future → not before, else nearest. */
function yearFor(env: Env, month: number, day: number | null): number {
  const dct = env.dct!;
  const tense = env.tense();
  const probe = (y: number): CalDate => ({ y, m: month, d: day ?? (y === dct.y && month === dct.m ? dct.d : 15) });
  const here = day === null ? month - dct.m : compare(probe(dct.y), dct);
  // A past clause points back, except to a date just ahead (within two months: "said the vote is on
  // March 12", where the cue belongs to the reporting verb).
  if (tense === 'past') return here <= 0 || daysBetween(probe(dct.y), dct) <= 60 ? dct.y : dct.y - 1;
  if (tense === 'future') return here >= 0 ? dct.y : dct.y + 1;
  let best = dct.y;
  for (const y of [dct.y - 1, dct.y + 1]) {
    if (Math.abs(daysBetween(probe(y), dct)) < Math.abs(daysBetween(probe(best), dct))) best = y;
  }
  return best;
}

export function monthDay(env: Env, month: number, day: number, year?: number): string {
  if (year !== undefined) return `${formatYear(year)}-${pad(month)}-${pad(day)}`;
  if (!env.dct) return `XXXX-${pad(month)}-${pad(day)}`;
  return `${formatYear(yearFor(env, month, day))}-${pad(month)}-${pad(day)}`;
}

export function monthOnly(env: Env, month: number, year?: number): string {
  if (year !== undefined) return `${formatYear(year)}-${pad(month)}`;
  if (!env.dct) return `XXXX-${pad(month)}`;
  return `${formatYear(yearFor(env, month, null))}-${pad(month)}`;
}

/**
 * A named weekday. The DCT's own weekday is the DCT ("this Saturday" in a Saturday paper; news calls
 * the day of publication by its name). Otherwise: last → the previous one, next → the coming one,
 * this → coming unless the clause is past; bare → previous unless the clause is future (news reports
 * mostly what has happened).
 */
export function namedWeekday(env: Env, day: number, modifier: string | undefined): { value: string; reason: string } {
  if (!env.dct) return { value: `XXXX-WXX-${day}`, reason: 'no publication date' };
  const today = weekday(env.dct);
  const back = ((today - day + 7) % 7) || 7;
  const forward = ((day - today + 7) % 7) || 7;
  const mod = modifier?.toLowerCase();
  let direction: 'back' | 'forward' | 'same';
  let reason: string;
  if (mod === 'last' || mod === 'past') { direction = 'back'; reason = `"${mod}" → previous`; }
  else if (mod === 'next' || mod === 'coming') { direction = 'forward'; reason = `"${mod}" → next`; }
  else if (day === today) { direction = 'same'; reason = 'weekday of publication'; }
  else {
    const tense = env.tense();
    if (mod === 'this') direction = tense === 'past' ? 'back' : 'forward';
    else direction = tense === 'future' ? 'forward' : 'back';
    reason = `${tense} clause → ${direction === 'back' ? 'previous' : 'next'} ${mod ? `(${mod})` : ''}`.trim();
  }
  const offset = direction === 'same' ? 0 : direction === 'back' ? -back : forward;
  return { value: format(addDays(env.dct, offset), 'day'), reason };
}

const SEASON_MONTH: Record<string, number> = { SP: 4, SU: 7, FA: 10, WI: 1 };

/** A season without a year, chosen by tense like a month; with "last"/"next"/"this" by that word. */
export function season(env: Env, code: string, modifier?: string, year?: number): string {
  if (year !== undefined) return `${formatYear(year)}-${code}`;
  if (!env.dct) return `XXXX-${code}`;
  const month = SEASON_MONTH[code] ?? 1;
  const dct = env.dct;
  const inSeason = Math.abs(month - dct.m) <= 1 || (code === 'WI' && dct.m === 12);
  const winterYear = code === 'WI' && dct.m === 12 ? dct.y + 1 : dct.y;
  let y: number;
  switch (modifier?.toLowerCase()) {
    case 'this': case 'current': y = code === 'WI' ? winterYear : dct.y; break;
    case 'last': case 'past': case 'previous': y = inSeason || month > dct.m ? dct.y - 1 : dct.y; if (code === 'WI' && dct.m === 12) y = dct.y; break;
    case 'next': case 'coming': y = inSeason || month < dct.m ? dct.y + 1 : dct.y; break;
    default: y = yearFor(env, month, null);
  }
  return `${formatYear(y)}-${code}`;
}

/** A quarter (1–4) without a year: past clause → the latest such quarter not after the DCT's. */
export function quarter(env: Env, q: number, year?: number): string {
  if (year !== undefined) return `${formatYear(year)}-Q${q}`;
  if (!env.dct) return `XXXX-Q${q}`;
  const current = Math.floor((env.dct.m - 1) / 3) + 1;
  const tense = env.tense();
  let y = env.dct.y;
  if (tense === 'future') { if (q < current) y++; }
  else if (q > current) y--;
  return `${formatYear(y)}-Q${q}`;
}

export function duration(count: number | 'X', unit: Unit): string {
  const n = count === 'X' ? 'X' : String(count);
  switch (unit) {
    case 'second': return `PT${n}S`;
    case 'minute': return `PT${n}M`;
    case 'hour': return `PT${n}H`;
    case 'day': return `P${n}D`;
    case 'week': return `P${n}W`;
    case 'weekend': return count === 'X' ? 'PXWE' : `P${count * 2}D`;
    case 'fortnight': return count === 'X' ? 'PXW' : `P${count * 2}W`;
    case 'month': return `P${n}M`;
    case 'quarter': return count === 'X' ? 'PXQ' : `P${count * 3}M`;
    case 'year': return `P${n}Y`;
    case 'decade': return count === 'X' ? 'PXDE' : `P${count * 10}Y`;
    case 'century': return count === 'X' ? 'PXCE' : `P${count * 100}Y`;
  }
}

/** Half-units ("five and a half years") in the next smaller unit where TIMEX3 needs whole numbers. */
export function fractionalDuration(count: number, unit: Unit): string {
  if (Number.isInteger(count)) return duration(count, unit);
  const smaller: Partial<Record<Unit, [Unit, number]>> = { year: ['month', 12], month: ['day', 30], day: ['hour', 24], hour: ['minute', 60], week: ['day', 7], decade: ['year', 10] };
  const next = smaller[unit];
  return next ? duration(Math.round(count * next[1]), next[0]) : duration(Math.round(count), unit);
}
