/**
 * The recognisers: an ordered list of small rules, each a regular expression built from the word
 * lists plus a function that turns a match into a draft mention (type, span, how to compute its value).
 * Overlaps are settled later (longest span wins; on a tie, the earlier rule).
 */
import { format, formatYear, isValidDate, weekday } from './calendar.js';
import type { TimeLexicon, Unit } from './lexicon.js';
import { duration, fractionalDuration, monthDay, monthOnly, namedWeekday, quarter, relative, season, type Env } from './resolve.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface Draft {
  start: number;
  end: number;
  rule: string;
  type: TimexType;
  mod?: string;
  /** The value (and, optionally, why) against the DCT and the clause tense. */
  resolve(env: Env): { value: string; reason?: string };
  /** What refiners need to know. */
  tags?: { thisMonth?: boolean; clock?: { hour: number; minute: number } | { part: string }; namedMonth?: boolean; dayDate?: boolean };
}

/** What a sentence must contain for a rule to be worth running (a cheap gate before the regex). */
export interface SentenceWords {
  readonly words: ReadonlySet<string>;
  readonly digit: boolean;
  /** The stretch of text lowercased. */
  readonly lower: string;
}

interface Rule {
  readonly id: string;
  readonly re: RegExp;
  /**
   * Every group must share a word with the sentence; `digit` asks for a digit; `digitOr` asks for a digit or
   * one of these strings anywhere in the lowercased sentence (inside a word too, as an unanchored match can be).
   */
  readonly needs: { readonly digit?: boolean; readonly any?: readonly ReadonlySet<string>[]; readonly digitOr?: readonly string[] };
  build(m: RegExpExecArray, text: string): Draft | Draft[] | null;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (forms: Iterable<string>): string =>
  [...new Set(forms)].sort((a, b) => b.length - a.length).map((f) => escape(f).replace(/ /g, '\\s+')).join('|');

const weekdayOf = (env: Env): number => (env.dct ? weekday(env.dct) : 1);
const capitalised = (s: string): boolean => /^[A-Z]/.test(s);
const APPROX: Record<string, string> = {
  about: 'APPROX', around: 'APPROX', roughly: 'APPROX', approximately: 'APPROX', some: 'APPROX', nearly: 'LESS_THAN', almost: 'LESS_THAN',
  'more than': 'MORE_THAN', over: 'MORE_THAN', 'at least': 'EQUAL_OR_MORE', 'less than': 'LESS_THAN', 'up to': 'EQUAL_OR_LESS', 'just over': 'MORE_THAN', 'just under': 'LESS_THAN',
};
const APPROX_RE = alternation(Object.keys(APPROX));
const approxMod = (word: string | undefined): string | undefined => (word ? APPROX[word.toLowerCase().replace(/\s+/g, ' ')] : undefined);

/** Words before a bare month name ("May", "March") that make it a month. */
const MONTH_CONTEXT = new Set(['in', 'since', 'by', 'until', 'till', 'from', 'through', 'during', 'of', 'early', 'late', 'mid', 'last', 'next', 'this', 'before', 'after', 'to', 'and', 'or', 'between', 'throughout', 'for', 'end', 'start', 'beginning', 'middle']);
/** Words before a bare four-digit number that make it a year. */
const YEAR_CONTEXT = new Set(['in', 'since', 'by', 'until', 'till', 'from', 'through', 'during', 'of', 'early', 'late', 'mid', 'before', 'after', 'to', 'and', 'or', 'between', 'throughout', 'for', 'the', 'year', 'fiscal', 'calendar', 'around', 'circa', 'than', 'as', 'spring', 'summer', 'fall', 'autumn', 'winter', 'than', 'into', 'mid-', 'end', 'both', 'in', 'at']);

function previousWord(text: string, at: number): string {
  const m = /([\p{L}$€£.'-]+)\s*$/u.exec(text.slice(Math.max(0, at - 30), at));
  return m ? m[1] : '';
}

function nextWord(text: string, at: number): string {
  const m = /^\s*([\p{L}%]+)/u.exec(text.slice(at, at + 30));
  return m ? m[1] : '';
}

/** Builds the rule list from the lexicon (once per stage). */
export function buildRules(lex: TimeLexicon): Rule[] {
  const MONTH = alternation(lex.months.keys());
  const WEEKDAY = alternation(lex.weekdays.keys());
  const UNIT = alternation(lex.units.keys());
  const SINGULAR_UNIT = alternation([...lex.units].filter(([, u]) => !u.plural).map(([f]) => f));
  const SEASON = alternation(lex.seasons.keys());
  const MOD = alternation(lex.modifiers.keys());
  const ORD = alternation(lex.ordinals.keys());
  const tens = [...lex.numbers].filter(([, v]) => typeof v === 'number' && v >= 20 && v < 100 && v % 10 === 0).map(([w]) => w);
  const ones = [...lex.numbers].filter(([w, v]) => typeof v === 'number' && v >= 1 && v <= 9 && !/^an?$/.test(w)).map(([w]) => w);
  const NUM = `\\d+(?:\\.\\d+)?|(?:${alternation(tens)})(?:[-\\s](?:${alternation(ones)}))?|${alternation(lex.numbers.keys())}`;
  const REFS = alternation(lex.references.keys());
  const SETS = alternation(lex.sets.keys());
  const DAYPART = 'morning|afternoon|evening|night';
  const B = '(?<![\\p{L}\\p{N}_\'’])';
  const E = '(?![\\p{L}\\p{N}_])';
  const re = (source: string): RegExp => new RegExp(`${B}(?:${source})`, 'giu');

  const words = (forms: Iterable<string>): Set<string> => new Set([...forms].map((f) => f.toLowerCase().replace(/\.$/, '').split(/\s+/).pop()!));
  const W = {
    month: words(lex.months.keys()),
    weekday: words([...lex.weekdays.keys()].flatMap((w) => [w, `${w}s`])),
    unit: words(lex.units.keys()),
    season: words(lex.seasons.keys()),
    which: words(['this', 'last', 'next', 'past', 'previous', 'coming', 'current', 'latest']),
    ago: words(['ago', 'earlier', 'later', 'now', 'hence']),
    plural: words([...lex.units].filter(([, u]) => u.plural).map(([f]) => f)),
    half: words(['half']),
    quarter: words(['quarter']),
    weekend: words(['weekend']),
    every: words(['every', 'each', 'once', 'twice', 'times']),
    sets: words(lex.sets.keys()),
    deictic: words(['today', 'yesterday', 'tomorrow', 'tonight', 'morning', 'afternoon', 'evening', 'night']),
    refs: words(lex.references.keys()),
    year: words(['year']),
    clockWords: words(['noon', 'midnight', 'midday']),
  };
  const month = (s: string): number | undefined => lex.months.get(s.toLowerCase().replace(/\s+/g, ''));
  const unitOf = (s: string): Unit => lex.units.get(s.toLowerCase())!.unit;
  const modOf = (s: string | undefined): string | undefined => (s ? lex.modifiers.get(s.toLowerCase().replace(/\s+/g, ' ')) : undefined);
  const count = (s: string): number | 'X' | null => {
    const w = s.toLowerCase().replace(/\s+/g, ' ');
    if (/^\d/.test(w)) return Number(w);
    const direct = lex.numbers.get(w);
    if (direct !== undefined) return direct;
    const parts = w.split(/[-\s]/);
    if (parts.length === 2) {
      const a = lex.numbers.get(parts[0]);
      const b = lex.numbers.get(parts[1]);
      if (typeof a === 'number' && typeof b === 'number') return a + b;
    }
    return null;
  };
  const draft = (m: RegExpExecArray, rule: string, type: TimexType, resolve: Draft['resolve'], extra: Partial<Draft> = {}): Draft => ({
    start: m.index, end: m.index + m[0].length, rule, type, resolve, ...extra,
  });
  const fixed = (value: string) => (): { value: string } => ({ value });

  const rules: Rule[] = [
    {
      id: 'iso-date',
      needs: { digit: true },
      re: re(`(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])`),
      build: (m) => isValidDate(+m[1], +m[2], +m[3]) ? draft(m, 'iso-date', 'DATE', fixed(m[0]), { tags: { dayDate: true } }) : null,
    },
    {
      id: 'weekday-date',
      needs: { digit: true, any: [W.weekday, W.month] },
      re: re(`(${WEEKDAY}),?\\s+(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\d:])`),
      build: (m) => {
        const mo = month(m[2]);
        if (!mo || !capitalised(m[1]) || !capitalised(m[2]) || +m[3] < 1 || +m[3] > 31) return null;
        const y = m[4] ? +m[4] : undefined;
        return draft(m, 'weekday-date', 'DATE', (env) => ({ value: monthDay(env, mo, +m[3], y) }), { tags: { namedMonth: true, dayDate: true } });
      },
    },
    {
      id: 'month-day-year',
      needs: { digit: true, any: [W.month] },
      re: re(`(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`),
      build: (m) => {
        const mo = month(m[1]);
        return mo && capitalised(m[1]) && isValidDate(+m[3], mo, +m[2]) ? draft(m, 'month-day-year', 'DATE', fixed(`${m[3]}-${String(mo).padStart(2, '0')}-${m[2].padStart(2, '0')}`), { tags: { namedMonth: true, dayDate: true } }) : null;
      },
    },
    {
      id: 'day-month-year',
      needs: { digit: true, any: [W.month] },
      re: re(`(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH}),?\\s+(\\d{4})(?!\\d)`),
      build: (m) => {
        const mo = month(m[2]);
        return mo && capitalised(m[2]) && isValidDate(+m[3], mo, +m[1]) ? draft(m, 'day-month-year', 'DATE', fixed(`${m[3]}-${String(mo).padStart(2, '0')}-${m[1].padStart(2, '0')}`), { tags: { namedMonth: true, dayDate: true } }) : null;
      },
    },
    {
      // "Jan. 5 to 7" → two dates, "Jan. 5" and "7" (the second takes the first's month and year).
      id: 'month-day-range',
      needs: { digit: true, any: [W.month] },
      re: re(`((${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?)(\\s*(?:-|–|to|through|until|till|and)\\s*)((\\d{1,2})(?:st|nd|rd|th)?)(?![\\d:]|\\s*(?:a\\.?m|p\\.?m|%|percent|per))(?:,?\\s+(\\d{4})(?!\\d))?`),
      build: (m) => {
        const mo = month(m[2]);
        const d1 = +m[3];
        const d2 = +m[6];
        if (!mo || !capitalised(m[2]) || d1 < 1 || d1 > 31 || d2 <= d1 || d2 > 31) return null;
        const y = m[7] ? +m[7] : undefined;
        const firstValue = (env: Env): { value: string } => ({ value: monthDay(env, mo, d1, y) });
        const secondStart = m.index + m[1].length + m[4].length;
        const first: Draft = { start: m.index, end: m.index + m[1].length, rule: 'month-day-range', type: 'DATE', resolve: firstValue, tags: { namedMonth: true, dayDate: true } };
        const second: Draft = {
          start: secondStart, end: m.index + m[0].length, rule: 'month-day-range', type: 'DATE',
          resolve: (env) => ({ value: firstValue(env).value.slice(0, 8) + String(d2).padStart(2, '0'), reason: 'range end: month and year of its start' }),
          tags: { namedMonth: true, dayDate: true },
        };
        return [first, second];
      },
    },
    {
      id: 'month-day',
      needs: { digit: true, any: [W.month] },
      re: re(`(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.,]\\d|\\d|\\s*(?:a\\.?m|p\\.?m|%|percent|per\\b|million|billion))`),
      build: (m) => {
        const mo = month(m[1]);
        const d = +m[2];
        if (!mo || !capitalised(m[1]) || !isValidDate(2000, mo, d)) return null;
        return draft(m, 'month-day', 'DATE', (env) => ({ value: monthDay(env, mo, d) }), { tags: { namedMonth: true, dayDate: true } });
      },
    },
    {
      id: 'day-month',
      needs: { digit: true, any: [W.month] },
      re: re(`(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})${E}`),
      build: (m) => {
        const mo = month(m[2]);
        const d = +m[1];
        if (!mo || !capitalised(m[2]) || !isValidDate(2000, mo, d) || lex.needsContext.has(m[2].toLowerCase())) return null;
        return draft(m, 'day-month', 'DATE', (env) => ({ value: monthDay(env, mo, d) }), { tags: { namedMonth: true, dayDate: true } });
      },
    },
    {
      id: 'month-year',
      needs: { digit: true, any: [W.month] },
      re: re(`(?:(${MOD})(?:\\s+|-))?(${MONTH}),?\\s+(?:of\\s+)?(\\d{4})(?!\\d)`),
      build: (m) => {
        const mo = month(m[2]);
        if (!mo || !capitalised(m[2])) return null;
        const mod = modOf(m[1]);
        return draft(m, 'month-year', 'DATE', fixed(`${m[3]}-${String(mo).padStart(2, '0')}`), { ...(mod ? { mod } : {}), tags: { namedMonth: true } });
      },
    },
    {
      id: 'month',
      needs: { any: [W.month] },
      re: re(`(?:(${MOD})(?:\\s+|-))?(${MONTH})${E}`),
      build: (m, text) => {
        const mo = month(m[2]);
        if (!mo || !capitalised(m[2])) return null;
        const form = m[2].toLowerCase();
        if (form.endsWith('.') || lex.months.has(`${form}.`)) return null; // "Jan", "Aug." alone: a name or a stray abbreviation
        if (!m[1] && lex.needsContext.has(form)) {
          if (!MONTH_CONTEXT.has(previousWord(text, m.index).toLowerCase())) return null;
        }
        const mod = modOf(m[1]);
        return draft(m, 'month', 'DATE', (env) => ({ value: monthOnly(env, mo) }), { ...(mod ? { mod } : {}), tags: { namedMonth: true } });
      },
    },
    {
      id: 'decade',
      needs: { digit: true },
      re: re(`(?:the\\s+)?(?:(${MOD})(?:\\s+|-))?(?:(1\\d|20)(\\d)0['’]?s|['’](\\d)0s)${E}`),
      build: (m) => {
        const mod = modOf(m[1]);
        let value: string;
        if (m[4] !== undefined) value = `19${m[4]}`;
        else if (m[3] === '0' && m[2] !== '20') value = m[2]; // the 1900s → the 20th century (19)
        else value = `${m[2]}${m[3]}`;
        return draft(m, 'decade', 'DATE', fixed(value), mod ? { mod } : {});
      },
    },
    {
      id: 'year',
      needs: { digit: true },
      re: re(`(?:(${MOD})(?:\\s+|-)|(fiscal|calendar)\\s+(?:year\\s+)?|the\\s+year\\s+)?((?:1[5-9]|20)\\d\\d)(?![\\d,]\\d|\\d|\\.\\d|\\s*(?:%|percent|per\\s*cent)|[-‐]?(?:year|month|day))`),
      build: (m, text) => {
        const before = previousWord(text, m.index).toLowerCase();
        if (lex.yearBlockers.has(before) || /[$€£]\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index))) return null;
        if (!m[1] && !m[2]) {
          const prevRaw = previousWord(text, m.index);
          const after = nextWord(text, m.index + m[0].length);
          if (/^[a-z]+s$/.test(after) && !/^(?:as|was|has|is|its|this|his|hers|ours|theirs|whereas|plus)$/.test(after)) return null; // "2000 troops"
          if (prevRaw && capitalised(prevRaw) && !YEAR_CONTEXT.has(before) && !lex.months.has(before) && !/[.!?]\s*$/.test(text.slice(0, m.index))) {
            const start = text.slice(0, m.index).trimEnd();
            if (!/[“"(]$/.test(start) && start.length > 0 && !/[.!?]$/.test(start)) return null; // "Windows 2000"
          }
        }
        const mod = modOf(m[1]);
        return draft(m, 'year', 'DATE', fixed(m[3]), mod ? { mod } : {});
      },
    },
    {
      id: 'year-ago-word',
      needs: { any: [W.year] },
      re: re(`(?:the\\s+)?year-(?:earlier|ago)(?:\\s+(quarter|period))?${E}`),
      build: (m) => draft(m, 'year-ago-word', 'DATE', (env) => ({ value: m[1]?.toLowerCase() === 'quarter' ? relative(env, 'quarter', -5, 'quarter') : relative(env, 'year', -1) })),
    },
    {
      // this/last/next week, the past year (a duration), earlier this month, early next year, last summer
      id: 'this-unit',
      needs: { any: [W.which, new Set([...W.unit, ...W.season])] },
      re: re(`(?:(${MOD})(?:\\s+|-)|(earlier|later)\\s+)?(this|last|next|past|previous|coming|current|the\\s+past|the\\s+last|the\\s+next|the\\s+coming|the\\s+current|the\\s+previous|the\\s+latest)\\s+(${SINGULAR_UNIT}|${SEASON})${E}`),
      build: (m) => {
        const which = m[3].toLowerCase().replace(/\s+/g, ' ');
        const word = m[4].toLowerCase();
        const mod = modOf(m[1]);
        const extra = mod ? { mod } : {};
        const code = lex.seasons.get(word);
        if (code) {
          const modifier = which.replace(/^the /, '');
          return draft(m, 'this-unit', 'DATE', (env) => ({ value: season(env, code, modifier) }), extra);
        }
        const unit = unitOf(word);
        if (unit === 'second' || unit === 'minute' || unit === 'hour') return null;
        const base = which.replace(/^the /, '');
        if (which.startsWith('the ') && /^(past|last|next|coming)$/.test(base) && unit !== 'quarter' && unit !== 'weekend') {
          return draft(m, 'this-unit', 'DURATION', fixed(duration(1, unit)), extra);
        }
        const n = base === 'this' || base === 'current' ? 0 : base === 'next' || base === 'coming' ? 1 : -1;
        if (base === 'latest' && unit !== 'quarter') return null;
        return draft(m, 'this-unit', 'DATE', (env) => ({ value: relative(env, unit, n) }), { ...extra, tags: { thisMonth: n === 0 && unit === 'month' } });
      },
    },
    {
      // two years ago, a week earlier, three days later
      id: 'ago',
      needs: { any: [W.unit, W.ago] },
      re: re(`(?:(${APPROX_RE})\\s+)?(${NUM})\\s+(${UNIT})\\s+(ago|earlier|later|from\\s+now|hence)${E}`),
      build: (m) => {
        const n = count(m[2]);
        const unit = unitOf(m[3]);
        const mod = approxMod(m[1]);
        if (n === null) return null;
        const sign = /^(ago|earlier)$/i.test(m[4]) ? -1 : 1;
        if (n === 'X') return draft(m, 'ago', 'DATE', fixed(sign < 0 ? 'PAST_REF' : 'FUTURE_REF'));
        if (unit === 'second' || unit === 'minute' || unit === 'hour') return null; // "an hour later": the duration rule takes "an hour"
        return draft(m, 'ago', 'DATE', (env) => ({ value: relative(env, unit, sign * Math.round(n)) }), mod ? { mod } : {});
      },
    },
    {
      // the past three years, the first nine months, the next two weeks → durations
      id: 'last-n-units',
      needs: { any: [W.unit] },
      re: re(`(?:(${APPROX_RE})\\s+)?(?:the\\s+)?(?:past|last|next|previous|coming|first|final|latest|following|remaining)\\s+(${NUM})\\s+(${UNIT})${E}`),
      build: (m) => {
        const n = count(m[2]);
        if (n === null) return null;
        const mod = approxMod(m[1]);
        return draft(m, 'last-n-units', 'DURATION', fixed(n === 'X' ? duration('X', unitOf(m[3])) : fractionalDuration(n, unitOf(m[3]))), mod ? { mod } : {});
      },
    },
    {
      // several days, two years, 24 hours, a five-year plan, more than four hours, five and a half years
      id: 'duration',
      needs: { any: [W.unit] },
      re: re(`(?:(${APPROX_RE})\\s+)?(?:the\\s+)?(${NUM})(\\s+and\\s+a\\s+half)?(?:\\s+|-)(${UNIT})(?:-long)?${E}(?![-‐]old)`),
      build: (m, text) => {
        let n = count(m[2]);
        if (n === null) return null;
        const unit = unitOf(m[4]);
        const numWord = m[2].toLowerCase();
        if (unit === 'quarter' && (/^(?:an?|one)$/.test(numWord) || /-quarters$/i.test(m[0]))) return null; // "a quarter of the vote", "three-quarters"
        if (/^(?:once|twice|times|per)$/i.test(previousWord(text, m.index)) && /^an?$/.test(numWord)) return null;
        if (typeof n === 'number' && /^\d+$/.test(m[2]) && n > 1000 && unit !== 'hour' && unit !== 'minute' && unit !== 'second') return null;
        if (m[3] && typeof n === 'number') n += 0.5;
        if (m[0].includes('-') && lex.instruments.has(nextWord(text, m.index + m[0].length).toLowerCase())) return null; // "30-year bond"
        const mod = approxMod(m[1]);
        const value = n === 'X' ? duration('X', unit) : fractionalDuration(n, unit);
        return draft(m, 'duration', 'DURATION', fixed(value), mod ? { mod } : {});
      },
    },
    {
      // for years, for days, in decades (plural unit alone after "for"/"in"/"over")
      id: 'vague-duration',
      needs: { any: [W.plural] },
      re: re(`(?<=(?:for|in|over|within)\\s+)(days|weeks|months|years|decades|hours|minutes|centuries)${E}`),
      build: (m) => draft(m, 'vague-duration', 'DURATION', fixed(duration('X', unitOf(m[1])))),
    },
    {
      // "the weekend": the coming one in a future clause, else the latest one
      id: 'the-weekend',
      needs: { any: [W.weekend] },
      re: re(`the\\s+weekend${E}`),
      build: (m) => draft(m, 'the-weekend', 'DATE', (env) => {
        if (!env.dct) return { value: 'XXXX-WXX-WE' };
        const future = env.tense() === 'future';
        return { value: relative(env, 'week', future || weekdayOf(env) >= 6 ? 0 : -1, 'weekend') };
      }),
    },
    {
      id: 'half-year',
      needs: { any: [W.half] },
      re: re(`(?:the\\s+)?(first|second|1st|2nd)[-\\s]half(?:\\s+of\\s+(?:the\\s+)?(?:fiscal\\s+)?(?:year\\s+)?(\\d{4})|,?\\s+(\\d{4}))?${E}`),
      build: (m, text) => {
        const h = /^(first|1st)$/i.test(m[1]) ? 1 : 2;
        const y = m[2] ?? m[3];
        if (!y && /^\s+of\s+(?!the\s+year)/i.test(text.slice(m.index + m[0].length))) return null;
        return draft(m, 'half-year', 'DATE', (env) => ({ value: y ? `${y}-H${h}` : env.dct ? `${formatYear(env.dct.y)}-H${h}` : `XXXX-H${h}` }));
      },
    },
    {
      id: 'quarter',
      needs: { any: [W.quarter] },
      re: re(`(?:the\\s+)?(?:(fiscal)\\s+)?(?:(\\d{4})\\s+)?(${ORD}|final|last|latest|current|previous|past)[-\\s](?:fiscal[-\\s])?quarter(?:\\s+of\\s+(?:fiscal\\s+)?(\\d{4})|,?\\s+(\\d{4})(?!\\d))?${E}`),
      build: (m) => {
        const q = lex.ordinals.get(m[3].toLowerCase());
        const yText = m[2] ?? m[4] ?? m[5];
        const y = yText ? +yText : undefined;
        if (q === undefined || q > 4) {
          const which = m[3].toLowerCase();
          const n = which === 'current' ? 0 : -1;
          return draft(m, 'quarter', 'DATE', (env) => ({ value: relative(env, 'quarter', n) }));
        }
        return draft(m, 'quarter', 'DATE', (env) => ({ value: quarter(env, q, y) }));
      },
    },
    {
      id: 'the-quarter',
      needs: { any: [W.quarter] },
      re: re(`the\\s+(?:(latest|most\\s+recent|recent|just-ended|just\\s+ended)\\s+)?quarter(?![\\p{L}-]|\\s+of\\b|\\s+century)`),
      build: (m) => draft(m, 'the-quarter', 'DATE', (env) => {
        if (!env.dct) return { value: 'XXXX-QX' };
        return { value: relative(env, 'quarter', env.tense() === 'future' || env.tense() === 'present' ? 0 : -1) };
      }),
    },
    {
      id: 'season',
      needs: { any: [W.season] },
      re: re(`(?:(?<=(?:in|during|by|until|since|over|through|this|last|next|the)\\s+)(?:the\\s+)?(?:(early|late|mid)(?:\\s+|-))?(${SEASON})(?:\\s+(?:of\\s+)?(\\d{4})(?!\\d))?|(${SEASON})\\s+(?:of\\s+)?(\\d{4})(?!\\d))${E}`),
      build: (m, text) => {
        const word = (m[2] ?? m[4]).toLowerCase();
        const code = lex.seasons.get(word)!;
        const y = m[3] ?? m[5];
        if (!y && /^\s+of\b/i.test(text.slice(m.index + m[0].length))) return null; // "the fall of the Berlin Wall"
        if (!y && /^(?:this|last|next)$/i.test(previousWord(text, m.index))) return null; // this-unit handles those
        const mod = modOf(m[1]);
        return draft(m, 'season', 'DATE', (env) => ({ value: season(env, code, undefined, y ? +y : undefined) }), mod ? { mod } : {});
      },
    },
    {
      // every year, each Thursday, every two weeks, twice a year, per year
      id: 'set-every',
      needs: { any: [W.every, new Set([...W.unit, ...W.weekday])] },
      re: re(`(?:(?:every|each)\\s+(other\\s+)?(?:(${NUM})\\s+)?(${UNIT}|${WEEKDAY})|(?:once|twice|(?:${NUM})\\s+times)\\s+(?:a|an|per|every|each)\\s+(${SINGULAR_UNIT}))${E}`),
      build: (m) => {
        const word = (m[3] ?? m[4]).toLowerCase();
        const day = lex.weekdays.get(word);
        if (day !== undefined) return draft(m, 'set-every', 'SET', fixed(`XXXX-WXX-${day}`));
        const unit = unitOf(word);
        const n = m[2] ? count(m[2]) : m[1] ? 2 : 1;
        if (n === null || n === 'X') return null;
        return draft(m, 'set-every', 'SET', fixed(duration(n, unit)));
      },
    },
    {
      id: 'set-weekday-plural',
      needs: { any: [W.weekday] },
      re: re(`(${WEEKDAY})s${E}`),
      build: (m) => {
        const day = lex.weekdays.get(m[1].toLowerCase());
        return day !== undefined && capitalised(m[1]) && m[1].length >= 6 && !m[1].endsWith('.') ? draft(m, 'set-weekday-plural', 'SET', fixed(`XXXX-WXX-${day}`)) : null;
      },
    },
    {
      id: 'set-word',
      needs: { any: [W.sets] },
      re: re(`(${SETS})${E}`),
      build: (m) => draft(m, 'set-word', 'SET', fixed(lex.sets.get(m[1].toLowerCase())!)),
    },
    {
      // Friday, this Saturday, last Monday, Friday night
      id: 'weekday',
      needs: { any: [W.weekday] },
      re: re(`(?:(this|last|next|past|coming)\\s+)?(${WEEKDAY})(?:\\s+(${DAYPART}))?${E}`),
      build: (m) => {
        const day = lex.weekdays.get(m[2].toLowerCase());
        if (day === undefined || !capitalised(m[2])) return null;
        if (m[2].length < 6 || m[2].endsWith('.')) return null; // "Sun", "Wed." alone: only full day names stand alone
        const part = m[3] ? lex.dayParts.get(m[3].toLowerCase()) : undefined;
        const modifier = m[1];
        return draft(m, 'weekday', part ? 'TIME' : 'DATE', (env) => {
          const r = namedWeekday(env, day, modifier);
          return { value: part ? `${r.value}T${part}` : r.value, reason: r.reason };
        }, { tags: { dayDate: !part } });
      },
    },
    {
      id: 'deictic',
      needs: { any: [W.deictic] },
      re: re(`(?:(?:later|earlier)\\s+)?(?:(today|yesterday|tomorrow|tonight)(?:\\s+(${DAYPART}))?|(this|last)\\s+(${DAYPART}))${E}`),
      build: (m) => {
        const word = (m[1] ?? m[3]).toLowerCase();
        const partWord = (m[2] ?? m[4])?.toLowerCase();
        const offset = word === 'yesterday' || (word === 'last' && partWord === 'night') ? -1 : word === 'tomorrow' ? 1 : 0;
        const part = word === 'tonight' ? 'NI' : partWord ? lex.dayParts.get(partWord) : undefined;
        if (word === 'last' && partWord !== 'night') return null;
        return draft(m, 'deictic', part ? 'TIME' : 'DATE', (env) => {
          const day = relative(env, 'day', offset, 'day');
          return { value: part ? `${day}T${part}` : day };
        }, { tags: { dayDate: !part } });
      },
    },
    {
      id: 'reference',
      needs: { any: [W.refs] },
      re: re(`(${REFS})${E}(?!-)`),
      build: (m, text) => {
        const phrase = m[1].toLowerCase().replace(/\s+/g, ' ');
        if (phrase === 'now' && /^\s*that\b/i.test(text.slice(m.index + m[0].length))) return null; // "now that" is a conjunction
        return draft(m, 'reference', 'DATE', fixed(lex.references.get(phrase)!));
      },
    },
    {
      // 3 p.m., 10:35 a.m. EST, around 7:15 p.m., noon, midnight, 15:00 GMT
      id: 'clock',
      // A clock time has a digit, or one of its words (matched without a right boundary: "noonday" holds "noon").
      needs: { digitOr: ['noon', 'midnight', 'midday'] },
      re: re(`(?:(${APPROX_RE}|shortly\\s+after|shortly\\s+before|just\\s+after|just\\s+before)\\s+)?(?:(\\d{1,2})(?:[:.](\\d{2}))?\\s*([ap])\\.?\\s?m\\b\\.?|(\\d{1,2}):(\\d{2})(?=\\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|ET|local\\s+time|hours|h\\b))|(noon|midnight|midday))(?:\\s+(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|ET)\\b)?`),
      build: (m) => {
        let hour: number;
        let minute: number;
        if (m[7]) {
          const v = lex.dayParts.get(m[7].toLowerCase()) ?? '12:00';
          hour = +v.slice(0, 2);
          minute = +v.slice(3, 5);
        } else if (m[2]) {
          hour = +m[2] % 12 + (m[4].toLowerCase() === 'p' ? 12 : 0);
          minute = m[3] ? +m[3] : 0;
          if (+m[2] > 12 || minute > 59) return null;
        } else {
          hour = +m[5];
          minute = +m[6];
          if (hour > 24 || minute > 59) return null;
        }
        const hh = String(hour).padStart(2, '0');
        const mm = String(minute).padStart(2, '0');
        const mod = approxMod(m[1]);
        // An "a.m."/"p.m." that ends the sentence keeps its dot; the span stays on the letters when a dot follows.
        return draft(m, 'clock', 'TIME', (env) => ({ value: `${env.dct ? format(env.dct, 'day') : 'XXXX-XX-XX'}T${hh}:${mm}` }), { ...(mod ? { mod } : {}), tags: { clock: { hour, minute } } });
      },
    },
  ];
  return rules;
}

export interface Recogniser {
  /** Every draft in `text` whose span lies inside [from, to). */
  find(text: string, from: number, to: number): Draft[];
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
/** For each BMP code unit above ASCII: 0 not yet known, 1 a letter or number, 2 neither. */
const bmpClass = new Uint8Array(0x10000);

/** Whether the code point is a letter or number (\p{L} or \p{N}). */
function letterOrNumber(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  if (cp > 0xffff || (cp >= 0xd800 && cp <= 0xdfff)) return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
  let k = bmpClass[cp];
  if (k === 0) k = bmpClass[cp] = LETTER_OR_NUMBER.test(String.fromCharCode(cp)) ? 1 : 2;
  return k === 1;
}

/**
 * The lowercase words of a stretch of text and whether it has a digit (the rules' gate): the words are those of
 * `slice.toLowerCase().split(/[^\p{L}\p{N}]+/u)`, found by one scan over the code points instead.
 */
export function sentenceWords(slice: string): SentenceWords {
  const lower = slice.toLowerCase();
  const words = new Set<string>();
  let start = -1;
  let i = 0;
  while (i < lower.length) {
    let cp = lower.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < lower.length) {
      const low = lower.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (letterOrNumber(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.add(lower.slice(start, i));
      start = -1;
    }
    i += width;
  }
  if (start >= 0) words.add(lower.slice(start));
  let digit = false;
  for (let k = 0; k < slice.length && !digit; k++) {
    const c = slice.charCodeAt(k);
    digit = c >= 0x30 && c <= 0x39;
  }
  return { words, digit, lower };
}

function admits(rule: Rule, s: SentenceWords): boolean {
  if (rule.needs.digit && !s.digit) return false;
  if (rule.needs.digitOr && !s.digit && !rule.needs.digitOr.some((w) => s.lower.includes(w))) return false;
  for (const group of rule.needs.any ?? []) {
    let hit = false;
    for (const w of group) if (s.words.has(w)) { hit = true; break; }
    if (!hit) return false;
  }
  return true;
}

export function createRecogniser(lex: TimeLexicon): Recogniser {
  const rules = buildRules(lex);
  return {
    find(text, from, to) {
      const slice = text.slice(from, to);
      const gate = sentenceWords(slice);
      const out: Draft[] = [];
      for (const rule of rules) {
        if (!admits(rule, gate)) continue;
        rule.re.lastIndex = 0;
        for (let m = rule.re.exec(slice); m; m = rule.re.exec(slice)) {
          const built = rule.build(m, slice);
          if (built) for (const d of Array.isArray(built) ? built : [built]) out.push({ ...d, start: d.start + from, end: d.end + from });
          if (m[0].length === 0) rule.re.lastIndex++;
        }
      }
      return out;
    },
  };
}
