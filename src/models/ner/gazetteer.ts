/**
 * Gazetteer for the entity tagger: phrase lists (given names, surnames, countries, cities, regions, demonyms, title
 * words, organisation suffixes, commonly-lowercase words) compiled at training time into one binary file
 * under models/ (see CompiledGazetteer), matched here against token sequences.
 *
 * Matching is on normalised tokens (lowercase, diacritics removed), longest match first, per category, so
 * "Mexico City" is a city match of length 2 even though "Mexico" alone is a country.
 */


/** Gazetteer categories, in bit order. */
export const GAZ_CATEGORIES = ['given', 'country', 'city', 'region', 'demonym', 'title', 'orgsuffix', 'common', 'org', 'surname', 'propername'] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];
export const GAZ_BIT: Readonly<Record<GazCategory, number>> = Object.freeze(
  Object.fromEntries(GAZ_CATEGORIES.map((c, i) => [c, 1 << i])) as Record<GazCategory, number>,
);
/** Categories matched as multi-word spans (the rest are single-word lookups). */
const SPAN_CATEGORIES: readonly GazCategory[] = ['country', 'city', 'region', 'demonym', 'org', 'title'];

/** Build-time input: one array of phrases per category. */
export interface GazetteerData {
  format: 'herodotus-ner-gazetteer';
  version: 1;
  lists: Partial<Record<GazCategory, string[]>>;
  /** Where each list came from (package@version, licence, file). */
  sources?: Record<string, string>;
}

/**
 * The shipped (precompiled) form, models/ner-gazetteer.bin: every phrase already tokenised and normalised,
 * stored as two independent 32-bit hashes of its key (normalised tokens joined by single spaces) and a
 * mask (category bits, plus PREFIX_BIT for keys that are a proper prefix of a longer phrase). Loading is a
 * few block copies and filling an open-addressing table; no strings are built.
 *
 * Bytes: "HNGZ", u32 version (3), u32 entries, u32 maxLen, u32 JSON length, UTF-8 JSON ({ categories,
 * sources }), padding to 4, entries × u32 hash 1, entries × u32 hash 2, entries × u16 mask.
 */
export interface CompiledGazetteer {
  maxLen: number;
  categories: string[];
  h1: Uint32Array;
  h2: Uint32Array;
  masks: Uint16Array;
  sources?: Record<string, string>;
}

const FNV_PRIME = 0x01000193;
const H1_SEED = 0x811c9dc5;
const H2_SEED = 0x2545f491;
const H2_PRIME = 0x5bd1e995;
const SPACE = 32;

/** Continues hash 1 (FNV-1a) over a string. */
function more1(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
/** Continues hash 2 (an independent multiply-xor hash) over a string. */
function more2(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), H2_PRIME);
    h ^= h >>> 13;
  }
  return h >>> 0;
}
/** Both hashes of a key continued by one more token ("… token"). */
function extend1(h: number, token: string): number {
  return more1(Math.imul(h ^ SPACE, FNV_PRIME) >>> 0, token);
}
function extend2(h: number, token: string): number {
  let x = Math.imul(h ^ SPACE, H2_PRIME);
  x ^= x >>> 13;
  return more2(x >>> 0, token);
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
  const keys = [...entries.keys()].sort();
  return {
    maxLen,
    categories: [...GAZ_CATEGORIES],
    h1: Uint32Array.from(keys, (k) => more1(H1_SEED, k)),
    h2: Uint32Array.from(keys, (k) => more2(H2_SEED, k)),
    masks: Uint16Array.from(keys, (k) => entries.get(k)!),
    sources: data.sources,
  };
}

const MAGIC = 'HNGZ';
const BINARY_VERSION = 3;

/** The shipped bytes of a compiled gazetteer. */
export function gazetteerBytes(c: CompiledGazetteer): Buffer {
  const json = Buffer.from(JSON.stringify({ categories: c.categories, sources: c.sources ?? {} }), 'utf8');
  const pad = (4 - ((20 + json.length) % 4)) % 4;
  const head = Buffer.alloc(20);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(BINARY_VERSION, 4);
  head.writeUInt32LE(c.h1.length, 8);
  head.writeUInt32LE(c.maxLen, 12);
  head.writeUInt32LE(json.length, 16);
  const view = (a: Uint32Array | Uint16Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([head, json, Buffer.alloc(pad), view(c.h1), view(c.h2), view(c.masks)]);
}

/** Reads gazetteerBytes() output. */
export function parseGazetteerBytes(bytes: Uint8Array): CompiledGazetteer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 20 || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a Herodotus NER gazetteer (bad magic)');
  const version = buf.readUInt32LE(4);
  if (version !== BINARY_VERSION) throw new Error(`unsupported NER gazetteer version ${version}`);
  const n = buf.readUInt32LE(8);
  const maxLen = buf.readUInt32LE(12);
  const jsonLen = buf.readUInt32LE(16);
  if (buf.length < 20 + jsonLen) throw new Error('NER gazetteer truncated');
  const meta = JSON.parse(buf.toString('utf8', 20, 20 + jsonLen)) as { categories: string[]; sources?: Record<string, string> };
  let off = 20 + jsonLen;
  off += (4 - (off % 4)) % 4;
  if (buf.length !== off + n * 10) throw new Error('NER gazetteer truncated or padded');
  // Copy out (the file's buffer may not be aligned for typed-array views).
  const copy = (len: number): ArrayBuffer => {
    const raw = new Uint8Array(len);
    raw.set(buf.subarray(off, off + len));
    off += len;
    return raw.buffer;
  };
  const h1 = new Uint32Array(copy(n * 4));
  const h2 = new Uint32Array(copy(n * 4));
  const masks = new Uint16Array(copy(n * 2));
  return { maxLen, categories: meta.categories, h1, h2, masks, sources: meta.sources };
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
  /** Open-addressing table: two hashes per slot and the mask (0 marks an empty slot). */
  private readonly t1: Uint32Array;
  private readonly t2: Uint32Array;
  private readonly tm: Uint16Array;
  private readonly tableMask: number;
  private readonly maxLen: number;
  private readonly nPhrases: number;
  readonly spanCategories: readonly GazCategory[] = SPAN_CATEGORIES;
  private scratch: GazMatch = { word: new Uint16Array(0), pos: [], len: [] };

  constructor(data: GazetteerData | CompiledGazetteer) {
    const c = 'lists' in data ? compileGazetteer(data) : data;
    if (c.categories.join(',') !== GAZ_CATEGORIES.join(',')) throw new Error('NER gazetteer categories differ from this code: retrain');
    this.maxLen = c.maxLen;
    let size = 16;
    while (size < c.h1.length * 3) size *= 2;
    this.tableMask = size - 1;
    this.t1 = new Uint32Array(size);
    this.t2 = new Uint32Array(size);
    this.tm = new Uint16Array(size);
    let phrases = 0;
    for (let i = 0; i < c.h1.length; i++) {
      const m = c.masks[i];
      if (m === 0) continue;
      if (m & CATEGORY_MASK) phrases++;
      let slot = c.h1[i] & this.tableMask;
      while (this.tm[slot] !== 0 && !(this.t1[slot] === c.h1[i] && this.t2[slot] === c.h2[i])) slot = (slot + 1) & this.tableMask;
      this.t1[slot] = c.h1[i];
      this.t2[slot] = c.h2[i];
      this.tm[slot] |= m;
    }
    this.nPhrases = phrases;
  }

  static fromBytes(bytes: Uint8Array): Gazetteer {
    return new Gazetteer(parseGazetteerBytes(bytes));
  }

  /** Number of phrases (keys with at least one category). */
  get size(): number {
    return this.nPhrases;
  }

  /** Mask (with PREFIX_BIT) of a key given its two hashes; 0 when absent. */
  private find(h1: number, h2: number): number {
    let slot = h1 & this.tableMask;
    for (;;) {
      const m = this.tm[slot];
      if (m === 0) return 0;
      if (this.t1[slot] === h1 && this.t2[slot] === h2) return m;
      slot = (slot + 1) & this.tableMask;
    }
  }

  /** Category mask of one normalised phrase key (0 when absent). */
  lookup(key: string): number {
    return this.find(more1(H1_SEED, key), more2(H2_SEED, key)) & CATEGORY_MASK;
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
    for (let i = 0; i < n; i++) {
      let h1 = more1(H1_SEED, norm[i]);
      let h2 = more2(H2_SEED, norm[i]);
      const e0 = this.find(h1, h2);
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
        h1 = extend1(h1, norm[j]);
        h2 = extend2(h2, norm[j]);
        entry = this.find(h1, h2);
      }
    }
    return m;
  }
}
