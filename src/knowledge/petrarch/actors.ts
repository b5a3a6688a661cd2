/**
 * PETRARCH/TABARI actor dictionaries (`Phoenix.Countries.actors.txt` and the like).
 *
 * An entry is a phrase line, optionally with codes on the same line, followed by `+` synonym lines and
 * indented code lines:
 *
 *   FREEDONIA_  [FRD]
 *   +FREEDONIAN_
 *   RUFUS_T._FIREFLY_
 *       [FRDELI 330101-331117]
 *       [FRDGOV >331117]
 *       [FRDELI]
 *
 * Codes are opaque strings. A code line may carry a date restriction: `>D` (from D), `<D` (before D) or
 * `D1-D2` (from D1, before D2); `>` and `<` may be followed by blanks. Dates are `YYYYMMDD` or `YYMMDD`.
 * Century rule for six digits, as KEDS, TABARI and PETRARCH: `00`–`30` are 20YY, `31`–`99` are 19YY.
 * Dates are stored as ISO `YYYY-MM-DD`; intervals are half-open, `from` inclusive and `to` exclusive, so a
 * chain such as `[X 320101-331108] [Y 331108-730717]` has one code on every day. Dates that are not real
 * calendar days, and date fields of other lengths, are malformed lines.
 */
import { bracketGroups, contentLines, type DictionaryProblem, type SourceRef } from './source.js';
import { parsePhrase, PhraseIndex } from './words.js';

export interface DatedCode {
  readonly code: string;
  /** ISO date from which the code applies (inclusive). */
  readonly from?: string;
  /** ISO date before which the code applies (exclusive). */
  readonly to?: string;
}

export interface ActorEntry {
  /** Each phrase (the entry line and its `+` synonyms, with hyphen variants) as normalised words. */
  readonly phrases: readonly (readonly string[])[];
  /** Parallel to `phrases`: whether the last word must match whole (trailing `_`) rather than as a stem. */
  readonly exact: readonly boolean[];
  readonly codes: readonly DatedCode[];
  readonly source: SourceRef;
}

export interface ActorMatch {
  /** Tokens covered from `at`. */
  readonly length: number;
  readonly entry: ActorEntry;
}

/** Parses a code group's contents (`AFGGOV >011222`, `AFGELI 320101-331108`, `---`). */
export function parseDatedCode(group: string): DatedCode | string {
  const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(group);
  if (!m || m[1] === '') return 'empty code';
  const code = m[1];
  const rest = m[2];
  if (rest === '') return { code };
  let r: RegExpExecArray | null;
  if ((r = /^>\s*(\d+)$/.exec(rest))) {
    const from = isoDate(r[1]);
    return from.startsWith('!') ? from.slice(1) : { code, from };
  }
  if ((r = /^<\s*(\d+)$/.exec(rest))) {
    const to = isoDate(r[1]);
    return to.startsWith('!') ? to.slice(1) : { code, to };
  }
  if ((r = /^(\d+)\s*-\s*(\d+)$/.exec(rest))) {
    const from = isoDate(r[1]);
    if (from.startsWith('!')) return from.slice(1);
    const to = isoDate(r[2]);
    if (to.startsWith('!')) return to.slice(1);
    if (to < from) return `date range ends before it starts: ${rest}`;
    return { code, from, to };
  }
  return `malformed date restriction "${rest}" (expected >DATE, <DATE or DATE-DATE)`;
}

/** `YYMMDD` or `YYYYMMDD` → `YYYY-MM-DD`, or `!message` when malformed. */
export function isoDate(digits: string): string {
  let year: number;
  let rest: string;
  if (digits.length === 8) {
    year = Number(digits.slice(0, 4));
    rest = digits.slice(4);
  } else if (digits.length === 6) {
    const yy = Number(digits.slice(0, 2));
    year = yy <= 30 ? 2000 + yy : 1900 + yy;
    rest = digits.slice(2);
  } else {
    return `!date "${digits}" has ${digits.length} digits (expected YYMMDD or YYYYMMDD)`;
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return `!date "${digits}" is not a calendar day`;
  return `${String(year).padStart(4, '0')}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

interface Building {
  phrases: string[][];
  exact: boolean[];
  codes: DatedCode[];
  source: SourceRef;
  /** The entry line was malformed: its synonym and code lines are skipped with it, unreported. */
  dropped?: boolean;
  /** A code line of the entry was malformed (already reported). */
  badCode?: boolean;
}

/** Parses one actor file. Malformed lines are reported and skipped; an entry left without a code is skipped. */
export function parseActors(text: string, file: string): { entries: ActorEntry[]; problems: DictionaryProblem[] } {
  const entries: ActorEntry[] = [];
  const problems: DictionaryProblem[] = [];
  let current: Building | undefined;
  const finish = (): void => {
    if (!current || current.dropped) {
      current = undefined;
      return;
    }
    if (current.codes.length === 0 && current.badCode) {
      // its only code lines were malformed and are reported: the entry goes with them
    } else if (current.codes.length === 0) problems.push({ file, line: current.source.line, message: 'actor has no code; entry skipped' });
    else if (current.phrases.length > 0) entries.push({ phrases: current.phrases, exact: current.exact, codes: current.codes, source: current.source });
    current = undefined;
  };
  const addCodes = (groups: string[], line: number, into: Building): boolean => {
    const parsed: DatedCode[] = [];
    for (const g of groups) {
      const c = parseDatedCode(g);
      if (typeof c === 'string') {
        problems.push({ file, line, message: `${c} in [${g}]; line skipped` });
        into.badCode = true;
        return false;
      }
      parsed.push(c);
    }
    into.codes.push(...parsed);
    return true;
  };

  for (const { line, text: raw } of contentLines(text)) {
    const t = raw.trim();
    if (t.startsWith('[')) {
      // an indented (or bare) code line belongs to the current entry
      const { groups, after, unclosed } = bracketGroups(t);
      if (unclosed) problems.push({ file, line, message: 'code line has "[" without "]"; line skipped' });
      else if (!current) problems.push({ file, line, message: 'code line before any actor; line skipped' });
      else if (after !== '') problems.push({ file, line, message: `unexpected text "${after}" after code; line skipped` });
      else addCodes(groups, line, current); // also under a dropped entry, so its malformed code lines are reported
      continue;
    }
    const synonym = t.startsWith('+');
    const body = synonym ? t.slice(1) : t;
    const { before, groups, after, unclosed } = bracketGroups(body);
    const drop = (message: string): void => {
      if (!synonym) {
        finish();
        current = { phrases: [], exact: [], codes: [], source: { file, line }, dropped: true };
      }
      problems.push({ file, line, message });
    };
    if (unclosed) {
      drop('"[" without "]"; line skipped');
      continue;
    }
    if (after !== '') {
      drop(`unexpected text "${after}" after code; line skipped`);
      continue;
    }
    const phrase = parsePhrase(before);
    if (phrase.variants.length === 0) {
      drop(`no words in actor phrase "${before.trim()}"; line skipped`);
      continue;
    }
    if (synonym && !current) {
      problems.push({ file, line, message: 'synonym line before any actor; line skipped' });
      continue;
    }
    if (synonym && current?.dropped) continue;
    // Consecutive entry lines with no code between them share the code lines that follow
    // (`IVO_JOSIPOVIC_` / `PRESIDENT_JOSIPOVIC_` / `JOSIPOVIC_` / `[HRVGOV >20120219]`).
    const sharesCodes = !synonym && groups.length === 0 && current !== undefined && !current.dropped && current.codes.length === 0 && !current.badCode;
    if (!synonym && !sharesCodes) {
      finish();
      current = { phrases: [], exact: [], codes: [], source: { file, line } };
    }
    const into = current as Building;
    if (groups.length > 0 && !addCodes(groups, line, into)) {
      if (!synonym) into.dropped = true; // the entry's own line is malformed: drop it with its synonyms
      continue;
    }
    for (const v of phrase.variants) {
      into.phrases.push(v);
      into.exact.push(phrase.exact);
    }
  }
  finish();
  return { entries, problems };
}

/** Actor entries indexed for matching over tokens. */
export class ActorDictionary {
  readonly entries: readonly ActorEntry[];
  private readonly index = new PhraseIndex<ActorEntry>();

  /** Entries in load order: on an identical phrase the later entry wins. */
  constructor(entries: readonly ActorEntry[]) {
    this.entries = entries;
    for (const entry of entries) {
      entry.phrases.forEach((words, i) => this.index.add(words, entry.exact[i], entry));
    }
  }

  /** Number of phrases indexed (entry lines, synonyms and hyphen variants). */
  get phraseCount(): number {
    return this.index.size;
  }

  /** The longest actor phrase starting at token index `at` (`words` are token texts). */
  match(words: readonly string[], at: number, norm?: (i: number) => string): ActorMatch | undefined {
    const m = this.index.match(words, at, norm);
    return m ? { length: m.length, entry: m.phrase.value } : undefined;
  }

  /** The code valid on an ISO date (first dated line, in file order, whose interval holds it), else the undated code. */
  codeOn(entry: ActorEntry, date?: string): string | undefined {
    return codeOn(entry, date);
  }
}

export function codeOn(entry: ActorEntry, date?: string): string | undefined {
  const day = date?.slice(0, 10);
  if (day) {
    for (const c of entry.codes) {
      if (c.from === undefined && c.to === undefined) continue;
      if ((c.from === undefined || c.from <= day) && (c.to === undefined || day < c.to)) return c.code;
    }
  }
  return entry.codes.find((c) => c.from === undefined && c.to === undefined)?.code;
}
