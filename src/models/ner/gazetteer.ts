/**
 * Gazetteer for the entity tagger: phrase lists (given names, countries, cities, regions, demonyms, title
 * words, organisation suffixes, commonly-lowercase words) compiled at training time into one gzipped JSON
 * file under models/, matched here against token sequences.
 *
 * Matching is on normalised tokens (lowercase, diacritics removed), longest match first, per category, so
 * "Mexico City" is a city match of length 2 even though "Mexico" alone is a country.
 */

import { gunzipSync, gzipSync } from 'node:zlib';

/** Gazetteer categories, in bit order. */
export const GAZ_CATEGORIES = ['given', 'country', 'city', 'region', 'demonym', 'title', 'orgsuffix', 'common', 'org'] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];
export const GAZ_BIT: Readonly<Record<GazCategory, number>> = Object.freeze(
  Object.fromEntries(GAZ_CATEGORIES.map((c, i) => [c, 1 << i])) as Record<GazCategory, number>,
);
/** Categories matched as multi-word spans (the rest are single-word lookups). */
const SPAN_CATEGORIES: readonly GazCategory[] = ['country', 'city', 'region', 'demonym', 'org'];

/** Build-time input: one array of phrases per category. */
export interface GazetteerData {
  format: 'herodotus-ner-gazetteer';
  version: 1;
  lists: Partial<Record<GazCategory, string[]>>;
  /** Where each list came from (package@version, licence, file). */
  sources?: Record<string, string>;
}

/**
 * The shipped (precompiled) form, models/ner-gazetteer.json.gz: every phrase already tokenised and
 * normalised, one line per key, "key TAB mask" with the mask in base 36 (category bits, plus PREFIX_BIT for
 * keys that are a proper prefix of a longer phrase). Loading is one split and one Map fill.
 */
export interface CompiledGazetteer {
  format: 'herodotus-ner-gazetteer';
  version: 2;
  categories: string[];
  maxLen: number;
  /** "key\tmask" lines joined by "\n", sorted by key. */
  entries: string;
  sources?: Record<string, string>;
}

/** Set on keys that are a proper prefix of a longer phrase (so matching may continue). */
const PREFIX_BIT = 1 << 15;
const CATEGORY_MASK = PREFIX_BIT - 1;

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;

/** Lowercase, diacritics removed: the key a token is looked up by. */
export function normalizeToken(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

/** Splits a gazetteer phrase into tokens the way UD tokenisers split news text (punctuation apart). */
export function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  for (const piece of phrase.trim().split(/\s+/)) {
    if (piece === '') continue;
    // Split a trailing comma / leading-trailing brackets; keep internal periods (D.C., St.).
    const m = /^([("“]*)(.*?)([),;:"”]*)$/u.exec(piece);
    if (!m) continue;
    for (const ch of m[1]) out.push(ch);
    if (m[2] !== '') out.push(m[2]);
    for (const ch of m[3]) out.push(ch);
  }
  return out;
}

/** Compiles phrase lists into the shipped form (training time). */
export function compileGazetteer(data: GazetteerData): CompiledGazetteer {
  const entries = new Map<string, number>();
  let maxLen = 1;
  for (const cat of GAZ_CATEGORIES) {
    const list = data.lists[cat];
    if (!list) continue;
    const bit = GAZ_BIT[cat];
    for (const phrase of list) {
      const toks = phraseTokens(phrase).map(normalizeToken);
      if (toks.length === 0) continue;
      const key = toks.join(' ');
      entries.set(key, (entries.get(key) ?? 0) | bit);
      if (toks.length > maxLen) maxLen = toks.length;
      for (let i = 1; i < toks.length; i++) {
        const pre = toks.slice(0, i).join(' ');
        entries.set(pre, (entries.get(pre) ?? 0) | PREFIX_BIT);
      }
    }
  }
  const keys = [...entries.keys()].filter((k) => !k.includes('\n') && !k.includes('\t')).sort();
  return {
    format: 'herodotus-ner-gazetteer',
    version: 2,
    categories: [...GAZ_CATEGORIES],
    maxLen,
    entries: keys.map((k) => k + '\t' + entries.get(k)!.toString(36)).join('\n'),
    sources: data.sources,
  };
}

/** Per-token gazetteer information for one sentence (buffers are reused: valid until the next match). */
export interface GazMatch {
  /** Bit mask of categories whose single-word entry equals the token. */
  word: Uint16Array;
  /** For span categories: position of the token in the longest covering match, per category. 0 none, 1 B, 2 I (inside/last). */
  pos: Uint8Array[];
  /** Length of that longest match per category (0 none). */
  len: Uint8Array[];
}

const SPAN_BITS = SPAN_CATEGORIES.map((c) => GAZ_BIT[c]);
const ANY_SPAN_BIT = SPAN_BITS.reduce((a, b) => a | b, 0);

export class Gazetteer {
  /** Phrase key (normalised tokens joined by a space) → category mask | PREFIX_BIT. */
  private readonly entries: Map<string, number>;
  private readonly maxLen: number;
  private nPhrases = 0;
  readonly spanCategories: readonly GazCategory[] = SPAN_CATEGORIES;
  private scratch: GazMatch = { word: new Uint16Array(0), pos: [], len: [] };

  constructor(data: GazetteerData | CompiledGazetteer) {
    const compiled = data.version === 2 ? data : compileGazetteer(data);
    if (compiled.categories.join(',') !== GAZ_CATEGORIES.join(',')) throw new Error('NER gazetteer categories differ from this code: retrain');
    this.entries = new Map();
    this.maxLen = compiled.maxLen;
    const text = compiled.entries;
    let p = 0;
    while (p < text.length) {
      let nl = text.indexOf('\n', p);
      if (nl < 0) nl = text.length;
      const tab = text.lastIndexOf('\t', nl);
      if (tab > p) {
        const mask = parseInt(text.slice(tab + 1, nl), 36);
        this.entries.set(text.slice(p, tab), mask);
        if (mask & CATEGORY_MASK) this.nPhrases++;
      }
      p = nl + 1;
    }
  }

  static fromGzip(bytes: Uint8Array): Gazetteer {
    const data = JSON.parse(gunzipSync(bytes).toString('utf8')) as GazetteerData | CompiledGazetteer;
    if (data.format !== 'herodotus-ner-gazetteer') throw new Error('not a Herodotus NER gazetteer');
    return new Gazetteer(data);
  }

  /** The shipped bytes of a compiled gazetteer. */
  static toGzip(compiled: CompiledGazetteer): Buffer {
    return gzipSync(Buffer.from(JSON.stringify(compiled), 'utf8'), { level: 9 });
  }

  /** Number of phrases (keys with at least one category). */
  get size(): number {
    return this.nPhrases;
  }

  /** Category mask of one normalised phrase key (0 when absent). */
  lookup(key: string): number {
    return (this.entries.get(key) ?? 0) & CATEGORY_MASK;
  }

  /** Matches every token and every multi-word span of a sentence of normalised tokens. */
  match(norm: readonly string[]): GazMatch {
    const n = norm.length;
    let m = this.scratch;
    if (m.word.length < n) {
      const cap = Math.max(64, n * 2);
      m = this.scratch = { word: new Uint16Array(cap), pos: SPAN_CATEGORIES.map(() => new Uint8Array(cap)), len: SPAN_CATEGORIES.map(() => new Uint8Array(cap)) };
    }
    const { word, pos, len } = m;
    word.fill(0, 0, n);
    for (let c = 0; c < SPAN_BITS.length; c++) {
      pos[c].fill(0, 0, n);
      len[c].fill(0, 0, n);
    }
    const entries = this.entries;
    for (let i = 0; i < n; i++) {
      let key = norm[i];
      const e0 = entries.get(key) ?? 0;
      word[i] = e0 & CATEGORY_MASK;
      let entry = e0;
      let j = i;
      for (;;) {
        if (entry & ANY_SPAN_BIT) {
          const l = j - i + 1;
          for (let c = 0; c < SPAN_BITS.length; c++) {
            if (!(entry & SPAN_BITS[c])) continue;
            // Longest covering match wins; matches found later from the same start are longer.
            const lc = len[c];
            const pc = pos[c];
            for (let t = i; t <= j; t++) {
              if (lc[t] < l) {
                lc[t] = l > 255 ? 255 : l;
                pc[t] = t === i ? 1 : 2;
              }
            }
          }
        }
        if (!(entry & PREFIX_BIT) || j + 1 >= n || j - i + 1 >= this.maxLen) break;
        j++;
        key = key + ' ' + norm[j];
        entry = entries.get(key) ?? 0;
      }
    }
    return m;
  }
}
