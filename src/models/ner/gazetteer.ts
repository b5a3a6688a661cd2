/**
 * Gazetteer for the entity tagger: phrase lists (given names, countries, cities, regions, demonyms, title
 * words, organisation suffixes, commonly-lowercase words) compiled at training time into one gzipped JSON
 * file under models/, matched here against token sequences.
 *
 * Matching is on normalised tokens (lowercase, diacritics removed), longest match first, per category, so
 * "Mexico City" is a city match of length 2 even though "Mexico" alone is a country.
 */

import { gunzipSync } from 'node:zlib';

/** Gazetteer categories, in bit order. */
export const GAZ_CATEGORIES = ['given', 'country', 'city', 'region', 'demonym', 'title', 'orgsuffix', 'common', 'org'] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];
export const GAZ_BIT: Readonly<Record<GazCategory, number>> = Object.freeze(
  Object.fromEntries(GAZ_CATEGORIES.map((c, i) => [c, 1 << i])) as Record<GazCategory, number>,
);
/** Categories matched as multi-word spans (the rest are single-word lookups). */
const SPAN_CATEGORIES: readonly GazCategory[] = ['country', 'city', 'region', 'demonym', 'org'];

/** The file format: one array of phrases per category. */
export interface GazetteerData {
  format: 'herodotus-ner-gazetteer';
  version: 1;
  lists: Partial<Record<GazCategory, string[]>>;
  /** Where each list came from (package@version, licence, file). */
  sources?: Record<string, string>;
}

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

/** Per-token gazetteer information for one sentence. */
export interface GazMatch {
  /** Bit mask of categories whose single-word entry equals the token. */
  word: Uint16Array;
  /** For span categories: position of the token in the longest covering match, per category. 0 none, 1 B, 2 I (inside/last). */
  pos: Uint8Array[];
  /** Length of that longest match per category (0 none). */
  len: Uint8Array[];
}

export class Gazetteer {
  /** Phrase key (normalised tokens joined by a space) → category mask. */
  private readonly entries = new Map<string, number>();
  /** Every proper prefix of a multi-word phrase key, so matching can stop early. */
  private readonly prefixes = new Set<string>();
  private maxLen = 1;
  readonly spanCategories: readonly GazCategory[] = SPAN_CATEGORIES;

  constructor(data: GazetteerData) {
    for (const cat of GAZ_CATEGORIES) {
      const list = data.lists[cat];
      if (!list) continue;
      const bit = GAZ_BIT[cat];
      for (const phrase of list) {
        const toks = phraseTokens(phrase).map(normalizeToken);
        if (toks.length === 0) continue;
        const key = toks.join(' ');
        this.entries.set(key, (this.entries.get(key) ?? 0) | bit);
        if (toks.length > this.maxLen) this.maxLen = toks.length;
        for (let i = 1; i < toks.length; i++) this.prefixes.add(toks.slice(0, i).join(' '));
      }
    }
  }

  static fromGzip(bytes: Uint8Array): Gazetteer {
    const data = JSON.parse(gunzipSync(bytes).toString('utf8')) as GazetteerData;
    if (data.format !== 'herodotus-ner-gazetteer') throw new Error('not a Herodotus NER gazetteer');
    return new Gazetteer(data);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Category mask of one normalised phrase key (0 when absent). */
  lookup(key: string): number {
    return this.entries.get(key) ?? 0;
  }

  /** Matches every token and every multi-word span of a sentence of normalised tokens. */
  match(norm: readonly string[]): GazMatch {
    const n = norm.length;
    const word = new Uint16Array(n);
    const pos = SPAN_CATEGORIES.map(() => new Uint8Array(n));
    const len = SPAN_CATEGORIES.map(() => new Uint8Array(n));
    const spanBits = SPAN_CATEGORIES.map((c) => GAZ_BIT[c]);
    for (let i = 0; i < n; i++) {
      let key = norm[i];
      word[i] = this.entries.get(key) ?? 0;
      let mask = word[i];
      let j = i;
      for (;;) {
        if (mask !== 0) {
          const l = j - i + 1;
          for (let c = 0; c < spanBits.length; c++) {
            if (!(mask & spanBits[c])) continue;
            // Longest covering match wins; matches found later from the same start are longer.
            for (let t = i; t <= j; t++) {
              if (len[c][t] < l) {
                len[c][t] = Math.min(l, 255);
                pos[c][t] = t === i ? 1 : 2;
              }
            }
          }
        }
        if (j + 1 >= n || j - i + 1 >= this.maxLen || !this.prefixes.has(key)) break;
        j++;
        key = key + ' ' + norm[j];
        mask = this.entries.get(key) ?? 0;
      }
    }
    return { word, pos, len };
  }
}
