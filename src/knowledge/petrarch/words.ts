/**
 * Word normalisation and phrase matching shared by the PETRARCH/TABARI dictionary importers.
 *
 * One function, `normalizeWord`, is applied to dictionary words and to our tokenizer's tokens alike:
 *   - typographic apostrophes fold to `'`, diacritics are dropped (NFD minus combining marks), uppercase;
 *   - a period after a letter is dropped, so `U.S.` and `U.S` and `US` are all `US` (and `G.` is `G`;
 *     numbers such as `5.25` keep theirs). The pronoun "us" therefore also normalises to `US`, the
 *     ambiguity the Phoenix dictionary itself notes at `+US_`;
 *   - hyphens inside a token are dropped (`e-mail` → `EMAIL`);
 *   - punctuation at either edge is stripped (`(US)` → `US`), apostrophes kept, so the clitic token `'s`
 *     is `'S`; a token with no letter or digit left (`-`, `(`, `,`) normalises to the empty string.
 *
 * Dictionary phrases are cut into words the way our tokenizer cuts text (UD English): `_` and blanks
 * separate words, clitics split off (`PEOPLE'S` → `PEOPLE` `'S`), hyphenated and slashed compounds split
 * (`MAZAR-I-SHARIF` → `MAZAR` `I` `SHARIF`). A hyphenated phrase also gets its joined variant
 * (`MAZARISHARIF`) for the few compounds the tokenizer keeps whole (`e-mail`).
 *
 * Matching: words must be consecutive (TABARI's blank "may skip words" connector is read like `_`, as
 * PETRARCH 2 does). Inside a phrase, text tokens that are hyphens, dashes, slashes, brackets or quote
 * marks are skipped (`Mazar-i-Sharif`, `America (US)`). PETRARCH convention for the last word: a phrase
 * written with a trailing `_` must end on a whole word; without it the last word is a stem and matches
 * any word it begins (`AFGHAN` matches `AFGHANS`). Stems shorter than three characters, and words written
 * with a period (`U.S.`), are matched whole. Every word but the last is always matched whole.
 */

/** Shortest dictionary word treated as a stem; shorter ones must match whole. */
export const MIN_STEM = 3;

const PLAIN = /^[A-Za-z]+$/;
const EDGE = /^[^\p{L}\p{N}'&]+|[^\p{L}\p{N}'&]+$/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Text tokens skipped inside a phrase: hyphens, dashes, slashes, brackets, quote marks. */
const JOINER = /^[-‐‑‒–—―/()[\]{}"'“”‘’«»‹›]+$/;
const CLITIC = /^(.*\p{L})(N'T|'(?:S|RE|VE|LL|D|M))$/u;

/** The normal form of one token or dictionary word (see the module comment); '' for pure punctuation. */
export function normalizeWord(token: string): string {
  if (PLAIN.test(token)) return token.toUpperCase();
  let s = token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’‚`´]/g, "'")
    .toUpperCase()
    .replace(/(\p{L})\./gu, '$1');
  if (s.includes('-') && HAS_WORD.test(s)) s = s.replace(/-/g, '');
  s = s.replace(EDGE, '');
  if (s === "'" || !HAS_WORD.test(s)) return '';
  return s;
}

/** Whether a text token is skipped when it falls inside a phrase. */
export function isJoiner(token: string): boolean {
  return JOINER.test(token);
}

/** A dictionary phrase after normalisation: one or two word-list variants, and whether the last word is whole. */
export interface ParsedPhrase {
  readonly variants: string[][];
  readonly exact: boolean;
}

/** Splits one dictionary word (no `_` or blank inside) the way the tokenizer splits text. */
function splitWord(word: string, out: string[]): void {
  const pieces = word.split(/[-–—/]+/);
  for (const piece of pieces) {
    const upper = piece.replace(/[‘’]/g, "'").toUpperCase();
    const clitic = CLITIC.exec(upper);
    const parts = clitic ? [clitic[1], clitic[2]] : [upper];
    for (const part of parts) {
      const w = normalizeWord(part);
      if (w !== '') out.push(w);
    }
  }
}

/**
 * Parses a dictionary phrase (`AFGHAN_NATIONAL_ARMY`, `ACADEMY AWARD`, `MAZAR-I-SHARIF_`) into normalised
 * word lists; `exact` is true when it was written with a trailing `_` (or its last word cannot be a stem).
 */
export function parsePhrase(raw: string): ParsedPhrase {
  const text = raw.trim();
  let exact = text.endsWith('_');
  const rawWords = text.split(/[_\s]+/).filter((w) => w !== '');
  const split: string[] = [];
  for (const w of rawWords) splitWord(w, split);
  const variants = split.length > 0 ? [split] : [];
  if (rawWords.some((w) => /[\p{L}\p{N}][-–—/][\p{L}\p{N}]/u.test(w))) {
    const joined = rawWords.map((w) => normalizeWord(w)).filter((w) => w !== '');
    if (joined.length > 0 && joined.join(' ') !== split.join(' ')) variants.push(joined);
  }
  const last = rawWords[rawWords.length - 1] ?? '';
  if (last.includes('.') || /\d/.test(last)) exact = true;
  return { variants, exact };
}

/** Regular English plural of a noun word (PETRARCH's rules, with `-EY`/`-AY` and sibilants handled). */
export function pluralOf(word: string): string {
  if (/[^AEIOU]Y$/.test(word)) return word.slice(0, -1) + 'IES';
  if (/(S|X|Z|CH|SH)$/.test(word)) return word + 'ES';
  return word + 'S';
}

/** A stored phrase: its words, whether the last one is matched whole, and what it stands for. */
export interface IndexedPhrase<T> {
  readonly words: readonly string[];
  readonly exact: boolean;
  readonly value: T;
  /** Insertion order; a later phrase wins a tie (a later file or line overrides an earlier one). */
  readonly order: number;
}

export interface PhraseMatch<T> {
  /** Number of tokens covered, from `at` (joiner tokens inside the phrase included). */
  readonly length: number;
  readonly phrase: IndexedPhrase<T>;
}

/**
 * Phrases indexed by their first word. Single-word stems are also indexed by stem, so a text word is
 * looked up once whole and once per prefix (at most its length); no regular expression per entry.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, IndexedPhrase<T>[]>();
  private readonly stems = new Map<string, IndexedPhrase<T>[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(words: readonly string[], exact: boolean, value: T): void {
    if (words.length === 0) return;
    const isStem = !exact && words[words.length - 1].length >= MIN_STEM;
    const phrase: IndexedPhrase<T> = { words, exact: !isStem, value, order: this.count++ };
    push(this.byFirst, words[0], phrase);
    if (isStem && words.length === 1) push(this.stems, words[0], phrase);
  }

  /** Longest phrase starting at token `at`; ties go to a whole-word match, then to the later phrase. */
  match(tokens: readonly string[], at: number, norm: (i: number) => string = (i) => normalizeWord(tokens[i])): PhraseMatch<T> | undefined {
    if (at < 0 || at >= tokens.length) return undefined;
    const first = norm(at);
    if (first === '') return undefined;
    let best: PhraseMatch<T> | undefined;
    let bestWhole = false;
    const consider = (phrase: IndexedPhrase<T>): void => {
      const r = matchAt(tokens, at, phrase, norm);
      if (r === undefined) return;
      const better =
        !best ||
        r.length > best.length ||
        (r.length === best.length && (r.whole && !bestWhole ? true : r.whole === bestWhole && phrase.order > best.phrase.order));
      if (better) {
        best = { length: r.length, phrase };
        bestWhole = r.whole;
      }
    };
    for (const phrase of this.byFirst.get(first) ?? []) consider(phrase);
    if (this.stems.size > 0) {
      for (let n = MIN_STEM; n < first.length; n++) {
        const list = this.stems.get(first.slice(0, n));
        if (list) for (const phrase of list) consider(phrase);
      }
    }
    return best;
  }

  /** Every phrase (in insertion order). */
  *phrases(): IterableIterator<IndexedPhrase<T>> {
    const all: IndexedPhrase<T>[] = [];
    for (const list of this.byFirst.values()) all.push(...list);
    all.sort((a, b) => a.order - b.order);
    yield* all;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Matches `phrase` at token `at`; returns the tokens covered and whether the last word matched whole. */
function matchAt<T>(tokens: readonly string[], at: number, phrase: IndexedPhrase<T>, norm: (i: number) => string): { length: number; whole: boolean } | undefined {
  const words = phrase.words;
  let i = at;
  let whole = true;
  for (let k = 0; k < words.length; k++) {
    if (k > 0) while (i < tokens.length && isJoiner(tokens[i])) i++;
    if (i >= tokens.length) return undefined;
    const w = norm(i);
    const target = words[k];
    if (w !== target) {
      const last = k === words.length - 1;
      if (!last || phrase.exact || !w.startsWith(target)) return undefined;
      whole = false;
    }
    i++;
  }
  return { length: i - at, whole };
}

/** A memoising normaliser over one token array, for matchers that look at the same token many times. */
export function normalizer(tokens: readonly string[]): (i: number) => string {
  const cache: (string | undefined)[] = new Array(tokens.length);
  return (i) => {
    let v = cache[i];
    if (v === undefined) v = cache[i] = normalizeWord(tokens[i]);
    return v;
  };
}
