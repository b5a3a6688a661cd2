/**
 * The time stage's word lists, compiled from data/time/*.tsv by `npm run build` and loaded once from a
 * `dataDir` (never from the cwd). Everything the recognisers know about English words lives here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'weekend' | 'fortnight' | 'month' | 'quarter' | 'year' | 'decade' | 'century';
export type Tense = 'past' | 'future' | 'present';

export interface TimeLexicon {
  /** Lowercase form (with and without a trailing dot) → month 1–12. */
  readonly months: ReadonlyMap<string, number>;
  /** Lowercase form → ISO weekday 1–7. */
  readonly weekdays: ReadonlyMap<string, number>;
  readonly units: ReadonlyMap<string, { unit: Unit; plural: boolean }>;
  /** Count words; 'X' for vague counts ("several"). */
  readonly numbers: ReadonlyMap<string, number | 'X'>;
  readonly seasons: ReadonlyMap<string, string>;
  readonly dayParts: ReadonlyMap<string, string>;
  readonly references: ReadonlyMap<string, string>;
  readonly sets: ReadonlyMap<string, string>;
  readonly modifiers: ReadonlyMap<string, string>;
  readonly ordinals: ReadonlyMap<string, number>;
  readonly tenseCues: ReadonlyMap<string, Tense>;
  readonly needsContext: ReadonlySet<string>;
  readonly notPastEd: ReadonlySet<string>;
  readonly yearBlockers: ReadonlySet<string>;
  /** Words after "30-year" that make it an instrument's name ("30-year bond"). */
  readonly instruments: ReadonlySet<string>;
}

export type Rows = readonly (readonly string[])[];

function read(dataDir: string, file: string): Rows {
  const path = join(dataDir, 'time', file);
  if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
  return JSON.parse(readFileSync(path, 'utf8')) as string[][];
}

function withDots<V>(rows: Rows, parse: (row: readonly string[]) => V): Map<string, V> {
  const map = new Map<string, V>();
  for (const row of rows) {
    const form = row[0].toLowerCase();
    map.set(form, parse(row));
    if (form.endsWith('.')) map.set(form.slice(0, -1), parse(row));
  }
  return map;
}

/** Builds the lexicon from compiled rows, keyed by file name without extension (used by tests too). */
export function timeLexiconFromRows(files: Record<string, Rows>): TimeLexicon {
  const get = (name: string): Rows => files[name] ?? [];
  const fp = get('false-positives');
  const kind = (k: string): Set<string> => new Set(fp.filter((r) => r[0] === k).map((r) => r[1].toLowerCase()));
  return {
    months: withDots(get('months'), (r) => Number(r[1])),
    weekdays: withDots(get('weekdays'), (r) => Number(r[1])),
    units: new Map(get('units').map((r) => [r[0].toLowerCase(), { unit: r[1] as Unit, plural: r[2] === 'yes' }])),
    numbers: new Map(get('numbers').map((r) => [r[0].toLowerCase(), r[1] === 'X' ? 'X' : Number(r[1])])),
    seasons: new Map(get('seasons').map((r) => [r[0].toLowerCase(), r[1]])),
    dayParts: new Map(get('day-parts').map((r) => [r[0].toLowerCase(), r[1]])),
    references: new Map(get('references').map((r) => [r[0].toLowerCase(), r[1]])),
    sets: new Map(get('sets').map((r) => [r[0].toLowerCase(), r[1]])),
    modifiers: new Map(get('modifiers').map((r) => [r[0].toLowerCase(), r[1]])),
    ordinals: new Map(get('ordinals').map((r) => [r[0].toLowerCase(), Number(r[1])])),
    tenseCues: new Map(get('tense-cues').map((r) => [r[0].toLowerCase(), r[1] as Tense])),
    needsContext: kind('needs-context'),
    notPastEd: kind('not-past-ed'),
    yearBlockers: kind('year-blocker'),
    instruments: kind('instrument'),
  };
}

export const TIME_LEXICON_FILES = [
  'months', 'weekdays', 'units', 'numbers', 'seasons', 'day-parts', 'references', 'sets', 'modifiers', 'ordinals', 'tense-cues', 'false-positives',
] as const;

export function loadTimeLexicon(dataDir: string): TimeLexicon {
  const files: Record<string, Rows> = {};
  for (const name of TIME_LEXICON_FILES) files[name] = read(dataDir, `${name}.json`);
  return timeLexiconFromRows(files);
}
